import { deliverConversion } from "@/inngest/functions/deliver-conversion";
import { processRefund } from "@/inngest/functions/process-refund";

/** Every Inngest function of the app; app/api/inngest serves exactly these. */
export const functions = [deliverConversion, processRefund];
