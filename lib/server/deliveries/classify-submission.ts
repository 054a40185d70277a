// What a read of an impact.com APISubmission says about a delivery (SPEC §6a). "Complete" is not success:
// impact.com completes a submission with an ErrorType/ErrorReason when it could not credit it.
import { z } from "zod";
import type { ImpactExchange } from "@/lib/impact/send-impact-request";
import { rateLimitDelayMs } from "@/lib/server/deliveries/backoff";

export type SubmissionVerdict =
  | { kind: "delivered" }
  | { kind: "rejected"; errorType: string; errorReason: string }
  /** Queued or In Progress at impact.com: read again later. */
  | { kind: "processing"; reason: string }
  /** The read itself failed (404 while impact.com catches up, 5xx, 429, network): read again later. */
  | { kind: "read-again"; reason: string; delayMs?: number };

const APISubmissionSchema = z
  .object({
    Status: z.string(),
    ErrorType: z.string().nullish(),
    ErrorReason: z.string().nullish(),
  })
  .loose();

function parseSubmission(body: string | undefined) {
  try {
    return APISubmissionSchema.safeParse(JSON.parse(body ?? "")).data;
  } catch {
    return undefined;
  }
}

export function classifySubmission(exchange: ImpactExchange, now: number): SubmissionVerdict {
  const { status } = exchange;
  if (status === undefined) return { kind: "read-again", reason: exchange.error ?? "no answer from impact.com" };
  if (status === 429) {
    const delayMs = exchange.headers ? rateLimitDelayMs(exchange.headers, now) : undefined;
    return { kind: "read-again", reason: "rate limited by impact.com (429) while reading the outcome", delayMs };
  }
  if (status < 200 || status >= 300)
    return { kind: "read-again", reason: `impact.com answered ${status} when the outcome was read` };
  const submission = parseSubmission(exchange.body);
  if (!submission) return { kind: "read-again", reason: "impact.com's answer is not an APISubmission" };
  if (submission.Status.trim().toLowerCase() !== "complete")
    return { kind: "processing", reason: `impact.com has not finished processing it (${submission.Status})` };
  const errorType = submission.ErrorType?.trim() ?? "";
  const errorReason = submission.ErrorReason?.trim() ?? "";
  if (errorType || errorReason) return { kind: "rejected", errorType, errorReason };
  return { kind: "delivered" };
}

/** How impact.com's words read in the log: verbatim, both fields, whichever are set. */
export function rejectionMessage(errorType: string, errorReason: string): string {
  return `impact.com rejected the submission: ${[errorType, errorReason].filter(Boolean).join(" — ")}`;
}
