import { checkWebhookEndpoints } from "@/inngest/functions/check-webhook-endpoints";
import { creditReward } from "@/inngest/functions/credit-reward";
import { deliverConversion } from "@/inngest/functions/deliver-conversion";
import { processRefund } from "@/inngest/functions/process-refund";
import { resendStaleDeliveries } from "@/inngest/functions/resend-stale-deliveries";
import { resendStaleRewardCredits } from "@/inngest/functions/resend-stale-reward-credits";
import { sendAlertMessages } from "@/inngest/functions/send-alert-messages";

/** Every Inngest function of the app; app/api/inngest serves exactly these. */
export const functions = [
  deliverConversion,
  processRefund,
  resendStaleDeliveries,
  creditReward,
  resendStaleRewardCredits,
  sendAlertMessages,
  checkWebhookEndpoints,
];
