// Junk staff sign-ins at a steady rate, next to an intake run (issue #16): each one a new email from a new
// forwarded address, so throttling never short-cuts it and every attempt costs a password verification —
// what a credential-stuffing run does. Intake must not stall while they are verified off the event loop.
import { randomBytes } from "node:crypto";

export type SignInPressureReport = { attempted: number; byStatus: Record<string, number> };

async function csrfOf(baseUrl: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.getSetCookie?.() ?? []).map((line) => line.split(";")[0]).join("; ");
  return { token: csrfToken, cookie };
}

/** Starts posting wrong staff sign-ins at `perSecond`; `stop()` waits for those in flight and counts answers. */
export async function startSignInPressure(baseUrl: string, perSecond: number) {
  const csrf = await csrfOf(baseUrl);
  const byStatus: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let attempted = 0;
  const signInOnce = async () => {
    const octet = () => 1 + Math.floor(Math.random() * 250);
    const body = new URLSearchParams({
      csrfToken: csrf.token,
      email: `junk-${randomBytes(6).toString("hex")}@example.com`,
      password: "wrong-password-123",
      json: "true",
    });
    try {
      const response = await fetch(`${baseUrl}/api/auth/callback/staff`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: csrf.cookie,
          "x-forwarded-for": `10.${octet()}.${octet()}.${octet()}`,
        },
        body,
        redirect: "manual",
      });
      await response.arrayBuffer();
      byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
    } catch {
      byStatus.error = (byStatus.error ?? 0) + 1;
    }
  };
  const timer = setInterval(() => {
    attempted++;
    const attempt = signInOnce().finally(() => inFlight.delete(attempt));
    inFlight.add(attempt);
  }, 1000 / perSecond);
  return {
    async stop(): Promise<SignInPressureReport> {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { attempted, byStatus };
    },
  };
}
