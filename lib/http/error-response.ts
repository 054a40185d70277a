import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors/app-error";

/** AppError → its status and `{ error: { code, message } }`; anything else → 503, logged, details hidden. */
export function errorResponse(error: unknown, context: string): NextResponse {
  if (isAppError(error)) {
    return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: error.status });
  }
  console.error(`[${context}]`, error);
  return NextResponse.json(
    { error: { code: "UNAVAILABLE", message: "temporarily unable to process the request; retry later" } },
    { status: 503 },
  );
}
