export declare function testDatabaseServerUrl(): string;
export declare function databaseUrlOn(serverUrl: string, databaseName: string): string;
export declare function worldPortalEnv(world: {
  databaseUrl: string;
  portalPort: number;
  stripePort: number;
  impactPort: number;
  /** The fake Advocate of the world, when it starts one. */
  advocatePort?: number;
  authSecret: string;
  encryptionKey: string;
  retryBaseDelay?: string;
  /** The first outcome read of a queued submission; default "1s" (the portal's own default is 10s). */
  impactPollDelay?: string;
  maxAttempts?: number;
}): Record<string, string>;
