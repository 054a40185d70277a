import { deliverConversion } from "@/inngest/functions/deliver-conversion";
import { processRefund } from "@/inngest/functions/process-refund";
import { resendStaleDeliveries } from "@/inngest/functions/resend-stale-deliveries";

/** Every Inngest function of the app; app/api/inngest serves exactly these. */
export const functions = [deliverConversion, processRefund, resendStaleDeliveries];
