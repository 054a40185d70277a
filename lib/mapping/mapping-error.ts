export type MappingErrorCode =
  /** The Stripe object lacks a field the mapping needs or has it in the wrong shape. */
  | "malformed_payload"
  /** The object does not plan to a conversion (skipped or ignored); the reason is the plan's. */
  | "not_a_conversion"
  /** The caller did not pass context the mapping needs (e.g. checkout line items). */
  | "missing_context";

/**
 * Thrown by the builders for input that no retry can fix; the job layer records it and does not
 * retry (a `NonRetriableError` under Inngest).
 */
export class MappingError extends Error {
  readonly code: MappingErrorCode;

  constructor(code: MappingErrorCode, message: string) {
    super(message);
    this.name = "MappingError";
    this.code = code;
  }
}
