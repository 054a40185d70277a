export declare const E2E: {
  databaseServerUrl: string;
  databaseName: string;
  stripePort: number;
  impactPort: number;
  advocatePort: number;
  portalPort: number;
  portalUrl: string;
  stripeUrl: string;
  impactUrl: string;
  advocateUrl: string;
  authSecret: string;
  portalEnv: Record<string, string>;
};
