import type { StripeErrorType } from "@/testing/fakes/stripe/types";

export interface StripeErrorBody {
  error: { type: StripeErrorType; message: string; code?: string; param?: string; doc_url?: string };
}

/** Thrown by route handlers; the dispatcher turns it into Stripe's `{ error: {...} }` answer. */
export class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.error.message);
  }
}

export function invalidRequest(message: string, options: { param?: string; code?: string; status?: number } = {}) {
  const error: StripeErrorBody["error"] = { type: "invalid_request_error", message };
  if (options.code) error.code = options.code;
  if (options.param) error.param = options.param;
  return new StripeHttpError(options.status ?? 400, { error });
}

export function missingParam(param: string) {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: "parameter_missing" });
}

/** Stripe's 404 wording, including its hint when the object exists in the other mode. */
export function noSuchObject(noun: string, id: string, options: { param?: string; otherMode?: "live" | "test" } = {}) {
  let message = `No such ${noun}: '${id}'`;
  if (options.otherMode) {
    const used = options.otherMode === "live" ? "test" : "live";
    message += `; a similar object exists in ${options.otherMode} mode, but a ${used} mode key was used to make this request.`;
  }
  return invalidRequest(message, { param: options.param ?? "id", code: "resource_missing", status: 404 });
}
