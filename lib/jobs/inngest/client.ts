import { Inngest } from "inngest";
import { isInngestDev } from "@/lib/env";

// Settings (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_BASE_URL) are the SDK's own standard variables;
// lib/env validates them and picks this runner when they are present. Dev mode (no signature checks) is set
// explicitly rather than left to the SDK's own reading of INNGEST_DEV, and is never on in production.
export const inngest = new Inngest({ id: "payments-integration-portal", isDev: isInngestDev() });
