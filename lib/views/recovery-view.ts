// What "Recover missed events" reports back: plain data the server builds and the form shows.
export type RecoveryReport = {
  listed: number;
  alreadyStored: number;
  ingested: number;
  failed: Array<{ stripeEventId: string; error: string }>;
};
