import { Inngest } from "inngest";

// Settings (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_DEV, INNGEST_BASE_URL) are the SDK's
// own standard variables; lib/env validates them and picks this runner when they are present.
export const inngest = new Inngest({ id: "payments-integration-portal" });
