// Sign-in throttling, kept in the database so that every server process shares it.
// Only failures count: a brand that signs in correctly is never slowed down.
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures allowed per key within the window: a SID is one brand; an IP may be an office. */
export const LOGIN_LIMITS = { sid: 5, staff: 5, ip: 20 } as const;

export type LoginKey = { kind: keyof typeof LOGIN_LIMITS; value: string };

const keyString = ({ kind, value }: LoginKey) => `${kind}:${value.toLowerCase()}`;

/** Throws RATE_LIMITED when any of the keys has used up its failures in the window. */
export async function assertLoginAllowed(keys: LoginKey[], now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const key of keys) {
    const failures = await prisma.loginAttempt.findMany({
      where: { key: keyString(key), succeeded: false, createdAt: { gt: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
      take: LOGIN_LIMITS[key.kind],
    });
    if (failures.length < LOGIN_LIMITS[key.kind]) continue;
    const retryAt = failures[0]!.createdAt.getTime() + LOGIN_WINDOW_MS;
    const minutes = Math.max(1, Math.ceil((retryAt - now.getTime()) / 60_000));
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
}

export async function recordLoginAttempt(keys: LoginKey[], succeeded: boolean): Promise<void> {
  await prisma.loginAttempt.createMany({ data: keys.map((key) => ({ key: keyString(key), succeeded })) });
}
