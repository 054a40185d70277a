/**
 * The integration every test world starts from unless a test says otherwise — one definition for the
 * form input, the row factories and the bench seeders, so an assertion can name the value it expects.
 */
export const DEFAULT_INTEGRATION = {
  siteUrl: "https://shop.example.com",
  programId: "1001",
  eventTypeId: "2001",
  recurringEventTypeId: "2002",
  impactAuthToken: "delivery-token-123",
} as const;
