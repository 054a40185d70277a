// Which failures of Advocate and Stripe may pass (retrying, with backoff) and which need a person
// (failed, with the upstream's own words): SPEC §11, "Stripe 5xx/network → retrying, other 4xx → failed".
import type { AdvocateFailure } from "@/lib/advocate/advocate-http";
import { type CreditDecision, retryOrExhaust, settle } from "@/lib/server/rewards/reward-decisions";
import type { StripeCallFailure } from "@/lib/stripe/customer-balance";

type Work = { attemptCount: number; tenantAlias: string };

/** A failed Advocate read during a credit try; `what` names it ("reading reward rw_1"). */
export function advocateFailureDecision(work: Work, failure: AdvocateFailure, what: string): CreditDecision {
  switch (failure.kind) {
    case "network":
    case "server":
    case "rate_limited":
    case "invalid_response":
      return retryOrExhaust(work, `Advocate failed while ${what}: ${failure.message}`, failure.retryAfterMs);
    case "unauthorized":
      return settle(
        work,
        "failed",
        `Advocate rejects the saved API key of tenant ${work.tenantAlias} (${failure.status}) while ${what}: connect Advocate again with a working key, then Try again`,
      );
    case "not_found":
    case "client":
      return settle(work, "failed", `Advocate refused ${what} (${failure.status ?? "no status"}): ${failure.message}`);
  }
}

/** A failed Stripe call during a credit try; `what` names it ("reading customer cus_1"). */
export function stripeFailureDecision(work: Work, failure: StripeCallFailure, what: string): CreditDecision {
  switch (failure.kind) {
    case "network":
    case "server":
    case "rate_limited":
      return retryOrExhaust(work, `Stripe failed while ${what}: ${failure.message}`);
    case "unauthorized":
      return settle(
        work,
        "failed",
        `Stripe rejects the integration's API key while ${what}: ${failure.message} Enter a working key under Edit integration, then Try again`,
      );
    case "permission":
    case "not_found":
    case "client":
    case "idempotency":
      return settle(work, "failed", `Stripe refused ${what} (${failure.status ?? "no status"}): ${failure.message}`);
  }
}
