// The demo's accounts and outcomes (`npm run demo`, scripts/dev-fakes.ts): the credentials the README
// tells a newcomer to type, in one place for the fakes that accept them and the browser spec that types
// them to take the README's screenshot.

export const DEMO = {
  stripeAccount: "acct_1DemoPortal0000000000",
  stripeKey: "sk_test_demo_portal_0000000000000000",
  restrictedKeyNoWebhookWrite: "rk_test_demo_no_webhook_write_0000",
  impactSid: "IRdemoBrand0000000000000000000001",
  impactSignInToken: "demo-sign-in-token",
  impactDeliveryToken: "demo-delivery-token",
  impactForbiddenSid: "IRdemoForbidden00000000000000000002",
  /** An Event Type ID the demo impact.com does not know: its conversions are queued, then rejected. */
  rejectedEventTypeId: "9999",
  rejection: { errorType: "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" },
  /** Slow enough to watch (the portal reads first after IMPACT_POLL_DELAY, 10 s by default). */
  submissionTiming: { inProgressAfterMs: 3_000, completeAfterMs: 8_000 },
} as const;
