export declare function testDatabaseServerUrl(): string;
export declare function databaseUrlOn(serverUrl: string, databaseName: string): string;
export declare function worldPortalEnv(world: {
  databaseUrl: string;
  portalPort: number;
  stripePort: number;
  impactPort: number;
  authSecret: string;
  encryptionKey: string;
  retryBaseDelay?: string;
  maxAttempts?: number;
}): Record<string, string>;
