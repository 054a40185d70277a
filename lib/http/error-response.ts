import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors/app-error";
import { getLogger, type Logger } from "@/lib/log";

/**
 * AppError → its status and `{ error: { code, message } }`; anything else → 503, logged (through the
 * request's logger when given, so the line carries its request id), details hidden.
 */
export function errorResponse(error: unknown, context: string, log: Logger = getLogger()): NextResponse {
  if (isAppError(error)) {
    return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  log.error({ context, err: error }, "request failed unexpectedly");
  return NextResponse.json(
    { error: { code: "UNAVAILABLE", message: "temporarily unable to process the request; retry later" } },
    { status: 503 },
  );
}
