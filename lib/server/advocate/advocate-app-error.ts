// What Advocate said, turned into what the brand can act on: the connect page shows these next to the
// field they are about (the key, the tenant alias) or above the form when Advocate itself is the problem.
import type { AdvocateFailure } from "@/lib/advocate/advocate-http";
import { AppError } from "@/lib/errors/app-error";

/** `doing` completes "… while {doing}", e.g. "checking the key". */
export function toAdvocateAppError(failure: AdvocateFailure, doing: string, tenantAlias: string): AppError {
  switch (failure.kind) {
    case "unauthorized":
      return new AppError(
        "UPSTREAM_REJECTED",
        `invalid Advocate API key: Advocate refused it for tenant ${tenantAlias}. Copy this tenant's API key again from Advocate (a test tenant has its own key).`,
        "apiKey",
      );
    case "not_found":
      return new AppError(
        "UPSTREAM_REJECTED",
        `Advocate knows no tenant ${tenantAlias} (404 while ${doing}): check the tenant alias.`,
        "tenantAlias",
      );
    case "network":
      return new AppError(
        "UPSTREAM_UNAVAILABLE",
        `Advocate unreachable while ${doing} (${failure.message}). Nothing was changed; try again in a minute.`,
      );
    case "rate_limited":
      return new AppError(
        "RATE_LIMITED",
        `Advocate is rate limiting requests while ${doing}. Nothing was changed; try again in a minute.`,
      );
    case "server":
      return new AppError(
        "UPSTREAM_UNAVAILABLE",
        `Advocate had an internal error (${failure.status ?? "no status"}) while ${doing}. Nothing was changed; try again in a minute.`,
      );
    case "client":
    case "invalid_response":
      return new AppError(
        "UPSTREAM_REJECTED",
        `Advocate refused ${doing} (${failure.status ?? "no status"}): ${failure.message}`,
      );
  }
}
