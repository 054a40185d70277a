// Small pieces the integration operations share (not operations themselves).
import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

/** Where Stripe posts this integration's events (SPEC §2, PUBLIC_URL). */
export function webhookUrlOf(integrationId: string): string {
  const base = getEnv().PUBLIC_URL.replace(/\/+$/, "");
  return `${base}/api/webhooks/stripe/${integrationId}`;
}

/**
 * A cuid-shaped id made before the row exists, because the Stripe endpoint's URL
 * (created first) must already contain it.
 */
export function newIntegrationId(): string {
  const time = Date.now().toString(36).padStart(9, "0").slice(-9);
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`)
    .toString(36)
    .padStart(15, "0")
    .slice(-15);
  return `c${time}${random}`;
}

/** Parses form input again on the server (the trust boundary); the first problem names its field. */
export function parseIntegrationInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new AppError("BAD_REQUEST", issue.message, issue.path[0] === undefined ? undefined : String(issue.path[0]));
}

export const integrationNotFound = () => new AppError("NOT_FOUND", "No such integration.");

/** The last four characters, the only part of a secret ever shown again. */
export const last4 = (secret: string) => secret.slice(-4);
