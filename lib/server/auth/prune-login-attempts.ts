import { prisma } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { IN_FLIGHT_MAX_MS, KNOWN_IP_MS, LOGIN_WINDOW_MS } from "@/lib/server/auth/login-rate-limit";

const PRUNE_EVERY_MS = 60_000;
let lastPrunedAt = 0;

/**
 * Deletes sign-in attempts that no longer count: failures and stale reservations after the window,
 * successes (which keep an IP known to its identifier) after KNOWN_IP_MS. Called from the local
 * worker's loop; runs at most once a minute per process and never throws (throttling state only).
 */
export async function pruneLoginAttempts(now = Date.now(), { force = false } = {}): Promise<number> {
  if (!force && now - lastPrunedAt < PRUNE_EVERY_MS) return 0;
  lastPrunedAt = now;
  try {
    const { count } = await prisma.loginAttempt.deleteMany({
      where: {
        OR: [
          { createdAt: { lt: new Date(now - KNOWN_IP_MS) } },
          { succeeded: { not: true }, createdAt: { lt: new Date(now - LOGIN_WINDOW_MS - IN_FLIGHT_MAX_MS) } },
          { succeeded: null, createdAt: { lt: new Date(now - LOGIN_WINDOW_MS - IN_FLIGHT_MAX_MS) } },
        ],
      },
    });
    return count;
  } catch (error) {
    getLogger().error({ component: "login-attempts", reason: (error as Error).message }, "pruning failed");
    return 0;
  }
}
