// What an impact.com answer means for a delivery: done, try again (and when), or
// rejected for good. Shared by the local runner and the Inngest functions.
import { z } from "zod";
import type { ImpactExchange } from "@/lib/impact/send-impact-request";
import { rateLimitDelayMs } from "@/lib/server/deliveries/backoff";

export type Verdict =
  /** Accepted for processing (QUEUED): not yet delivered, its outcome is read later (SPEC §6a). */
  | { kind: "queued"; queuedUri?: string }
  | {
      kind: "retry";
      reason: string;
      /** impact.com asked us to slow down (429), whether or not it said for how long. */
      isRateLimited: boolean;
      /** Set when impact.com said how long to wait. */
      delayMs?: number;
    }
  | { kind: "reject"; reason: string };

const ImpactAnswer = z
  .object({ Status: z.string().optional(), QueuedUri: z.string().optional(), Message: z.string().optional() })
  .loose();

function parseAnswer(body: string | undefined) {
  try {
    return ImpactAnswer.safeParse(JSON.parse(body ?? "")).data;
  } catch {
    return undefined;
  }
}

export function classifyExchange(exchange: ImpactExchange, now: number): Verdict {
  const { status } = exchange;
  if (status === undefined)
    return { kind: "retry", reason: exchange.error ?? "no answer from impact.com", isRateLimited: false };
  const answer = parseAnswer(exchange.body);
  const detail = answer?.Message ? `: ${answer.Message}` : "";
  if (status >= 200 && status < 300) {
    if (answer?.Status?.toUpperCase() === "ERROR")
      return { kind: "reject", reason: `impact.com answered ERROR${detail}` };
    return { kind: "queued", queuedUri: answer?.QueuedUri };
  }
  if (status === 429) {
    const delayMs = exchange.headers ? rateLimitDelayMs(exchange.headers, now) : undefined;
    return { kind: "retry", reason: "rate limited by impact.com (429)", isRateLimited: true, delayMs };
  }
  if (status === 408 || status >= 500)
    return { kind: "retry", reason: `impact.com error ${status}${detail}`, isRateLimited: false };
  // Other 4xx are validation or credential answers: sending the same request again cannot succeed.
  return { kind: "reject", reason: `impact.com rejected the request (${status})${detail}` };
}
