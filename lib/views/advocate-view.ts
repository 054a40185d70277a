// The Advocate connection as the integration's Advocate page shows it (SPEC §11): never the key.

export type AdvocateConnectionView = {
  integrationId: string;
  tenantAlias: string;
  /** Normalised, comma-separated ("STRIPE/*" or e.g. "STRIPE/USD,STRIPE/EUR"). */
  rewardUnits: string;
  isTestTenant: boolean;
  connectedAt: Date;
  lastRewardAt: Date | null;
  /** Where Advocate posts this integration's webhooks: {PUBLIC_URL}/api/webhooks/advocate/{integrationId}. */
  webhookUrl: string;
};

/** What Try again answers: whether it reset the credit, and the status it has now. */
export type RewardRetryResult = { isRetried: boolean; status: string; redeemStatus: string };
