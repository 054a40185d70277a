// Tests that check what reached the log (the raw error behind a public reference) read the process
// logger's error calls: lib/ logs through pino (lib/log.ts), never console.
import { vi } from "vitest";
import { getLogger } from "@/lib/log";

type LoggedFields = Record<string, unknown>;

export function spyOnErrorLog() {
  const spy = vi.spyOn(getLogger(), "error").mockImplementation((() => {}) as never);
  const fields = (): LoggedFields[] => spy.mock.calls.map(([first]) => (first ?? {}) as LoggedFields);
  return {
    count: () => spy.mock.calls.length,
    fields,
    /** The raw error logged with this public error reference (lib/errors/public-reason.ts). */
    errorLoggedUnder: (reference: string): unknown => fields().find((logged) => logged.reference === reference)?.err,
  };
}
