// Password checks on the libuv thread pool (native bcrypt), never on the event loop: bcryptjs took
// ~0.4 s of main-thread time per attempt, and a few junk sign-ins a second stalled webhook intake.
// Hashes are the same $2a/$2b format bcryptjs writes, so existing ones keep working unchanged.
import bcrypt from "bcrypt";
import { AppError } from "@/lib/errors/app-error";

/**
 * One check at a time per process. The bench showed why (docs/performance.md): with 4, twenty junk
 * sign-ins a second filled libuv's whole 4-thread pool (which the server's file and crypto work also
 * needs) and both cores, and webhook intake fell to 0.09× of its throughput. One slot costs at most one
 * core and one pool thread; the rest are answered 429 at once, without hashing.
 */
export const MAX_CONCURRENT_VERIFICATIONS = 1;
export const SIGN_IN_BUSY = "Too many sign-ins at once. Try again in a moment.";

let inFlight = 0;
let verifications = 0;

/** Throws RATE_LIMITED (429, SIGN_IN_BUSY) when MAX_CONCURRENT_VERIFICATIONS are already running. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (inFlight >= MAX_CONCURRENT_VERIFICATIONS) throw new AppError("RATE_LIMITED", SIGN_IN_BUSY);
  inFlight++;
  verifications++;
  try {
    return await bcrypt.compare(password, hash);
  } finally {
    inFlight--;
  }
}

/** How many checks this process has started: tests assert that throttled attempts never hash. */
export function countPasswordVerifications(): number {
  return verifications;
}
