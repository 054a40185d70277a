export declare const E2E: {
  databaseServerUrl: string;
  databaseName: string;
  stripePort: number;
  impactPort: number;
  portalPort: number;
  portalUrl: string;
  stripeUrl: string;
  impactUrl: string;
  authSecret: string;
  portalEnv: Record<string, string>;
};
