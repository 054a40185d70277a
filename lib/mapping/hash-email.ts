import { createHash } from "node:crypto";

/**
 * impact.com accepts only hashed emails and its tag hashes with SHA-1, so the same address must hash
 * the same way here: SHA-1 hex of the trimmed, lower-cased address. Undefined for a missing or blank one.
 */
export function hashEmail(email: string | null | undefined): string | undefined {
  const normalized = email?.trim().toLowerCase();
  if (!normalized) return undefined;
  return createHash("sha1").update(normalized, "utf8").digest("hex");
}
