// Sign-in throttling, kept in the database so that every server process shares it.
//
// An attempt is reserved before its credentials are checked (a row with `succeeded` null), under
// PostgreSQL advisory locks on its keys, so concurrent guesses cannot all pass the check before any
// failure is written, and at most one check per (identifier, IP) is in flight. Failures are counted
// per (identifier, IP), per IP and per identifier; past a few free failures each key is delayed,
// doubling up to 15 minutes, rather than locked. An IP from which the identifier signed in before is
// exempt from the per-identifier and per-IP delays, so a stranger's failures never lock a brand or a
// staff member out of their usual place.
import { createHash, randomUUID } from "node:crypto";
import { Prisma, prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

/** Failures older than this no longer count. */
export const LOGIN_WINDOW_MS = 60 * 60_000;
/** How long a success keeps an IP "known" for its identifier (and how long success rows are kept). */
export const KNOWN_IP_MS = 30 * 24 * 60 * 60_000;
/** A reservation still unsettled after this (its process died mid-check) counts as a failure. */
export const IN_FLIGHT_MAX_MS = 60_000;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
/** Keys are capped: longer ones are replaced by their SHA-256 (the column holds 200). */
const MAX_KEY_LENGTH = 160;

/** Free failures per key kind before delays start. */
export const LOGIN_LIMITS = { pair: 5, ip: 20, identifier: 20 } as const;

export const SIGN_IN_IN_PROGRESS = "A sign-in for this account is already being checked. Try again in a moment.";

export type LoginSubject = { kind: "sid" | "staff"; identifier: string; ip: string };
export type LoginReservation = { ids: string[] };
export type LoginOutcome = "succeeded" | "failed" | "void";

type KeyKind = keyof typeof LOGIN_LIMITS;

export function loginKey(parts: string): string {
  const key = parts.toLowerCase();
  return key.length <= MAX_KEY_LENGTH ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

function keysOf({ kind, identifier, ip }: LoginSubject): Record<KeyKind, string> {
  return {
    pair: loginKey(`${kind}:${identifier}@${ip}`),
    ip: loginKey(`ip:${ip}`),
    identifier: loginKey(`${kind}:${identifier}`),
  };
}

type KeyStats = { key: string; failures: number; lastFailureAt: Date | null; inFlight: number; hasSucceeded: boolean };

/**
 * Throws RATE_LIMITED when a key of this attempt is delayed or already being checked; otherwise writes
 * the attempt as in flight and returns it, to be settled with settleLoginAttempt once checked.
 */
export async function reserveLoginAttempt(subject: LoginSubject, now = new Date()): Promise<LoginReservation> {
  const keys = keysOf(subject);
  const allKeys = [...new Set(Object.values(keys))].sort();
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const staleBefore = new Date(now.getTime() - IN_FLIGHT_MAX_MS);
  const knownSince = new Date(now.getTime() - KNOWN_IP_MS);
  return prisma.$transaction(async (tx) => {
    // Sorted, so two attempts sharing keys take their locks in the same order.
    for (const key of allKeys) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 7316))`;
    const rows = await tx.$queryRaw<KeyStats[]>`
      SELECT "key",
        count(*) FILTER (WHERE "createdAt" > ${windowStart} AND (succeeded = false
          OR (succeeded IS NULL AND "createdAt" < ${staleBefore})))::int AS failures,
        max("createdAt") FILTER (WHERE "createdAt" > ${windowStart} AND (succeeded = false
          OR (succeeded IS NULL AND "createdAt" < ${staleBefore}))) AS "lastFailureAt",
        count(*) FILTER (WHERE succeeded IS NULL AND "createdAt" >= ${staleBefore})::int AS "inFlight",
        coalesce(bool_or(succeeded), false) AS "hasSucceeded"
      FROM "LoginAttempt"
      WHERE "key" IN (${Prisma.join(allKeys)}) AND "createdAt" > ${knownSince}
      GROUP BY "key"`;
    const stats = (key: string) => rows.find((row) => row.key === key);
    if ((stats(keys.pair)?.inFlight ?? 0) > 0) throw new AppError("RATE_LIMITED", SIGN_IN_IN_PROGRESS);
    const isKnownIp = stats(keys.pair)?.hasSucceeded ?? false;
    const checked: KeyKind[] = isKnownIp ? ["pair"] : ["pair", "ip", "identifier"];
    for (const kind of checked) {
      const retryAt = retryAtOf(stats(keys[kind]), LOGIN_LIMITS[kind]);
      if (retryAt > now.getTime()) throw new AppError("RATE_LIMITED", tooManyFailures(retryAt - now.getTime()));
    }
    const ids = allKeys.map(() => randomUUID());
    await tx.loginAttempt.createMany({
      data: allKeys.map((key, index) => ({ id: ids[index]!, key, succeeded: null, createdAt: now })),
    });
    return { ids };
  });
}

/** Records the outcome; "void" (the check could not run, e.g. impact.com was down) leaves no trace. */
export async function settleLoginAttempt(reservation: LoginReservation, outcome: LoginOutcome): Promise<void> {
  const where = { id: { in: reservation.ids } };
  if (outcome === "void") await prisma.loginAttempt.deleteMany({ where });
  else await prisma.loginAttempt.updateMany({ where, data: { succeeded: outcome === "succeeded" } });
}

function retryAtOf(stats: KeyStats | undefined, free: number): number {
  if (!stats?.lastFailureAt || stats.failures < free) return 0;
  const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (stats.failures - free));
  return new Date(stats.lastFailureAt).getTime() + delay;
}

function tooManyFailures(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  if (seconds < 90)
    return `Too many failed sign-in attempts. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes} minutes.`;
}
