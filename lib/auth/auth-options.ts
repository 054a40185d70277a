import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIpFrom } from "@/lib/auth/client-ip";
import type { Principal } from "@/lib/auth/principal";
import { noteSignInStatus } from "@/lib/auth/sign-in-status";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { getLogger } from "@/lib/log";
import { signInBrand } from "@/lib/server/auth/sign-in-brand";
import { signInStaff } from "@/lib/server/auth/sign-in-staff";

/**
 * Sessions end a working day after sign-in, however active: next-auth renews the cookie on every
 * GET /api/auth/session, so the token carries its sign-in time and is refused past it (isSessionExpired).
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string {
  return clientIpFrom(headers?.["x-forwarded-for"], getEnv().TRUSTED_PROXIES);
}

/** True once the token's sign-in is SESSION_MAX_AGE_SECONDS old (or it has no sign-in time). */
export function isSessionExpired(signedInAt: number | undefined, now = Date.now()): boolean {
  return typeof signedInAt !== "number" || now - signedInAt >= SESSION_MAX_AGE_SECONDS * 1000;
}

/** next-auth shows `error.message` of a throw in authorize() to the client: only ever our own messages. */
function userFacing(error: unknown): never {
  if (isAppError(error)) {
    if (error.code === "RATE_LIMITED") noteSignInStatus(error.status);
    throw new Error(error.message);
  }
  getLogger().error({ component: "sign-in", err: error }, "sign-in failed unexpectedly");
  throw new Error("Sign-in failed unexpectedly; try again.");
}

export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        id: "brand",
        name: "impact.com",
        credentials: { accountSid: { type: "text" }, authToken: { type: "password" } },
        async authorize(credentials, req) {
          const brand = await signInBrand(credentials ?? {}, clientIp(req.headers)).catch(userFacing);
          return { id: brand.accountId, role: "brand", ...brand };
        },
      }),
      CredentialsProvider({
        id: "staff",
        name: "Support staff",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const staff = await signInStaff(credentials ?? {}, clientIp(req.headers)).catch(userFacing);
          return { id: staff.staffUserId, role: "staff", ...staff };
        },
      }),
    ],
    callbacks: {
      // The JWT carries only identifiers, the display name, the sign-in time and the account's session
      // version at sign-in (lib/auth/session.ts checks it on each request); secrets stay in the database.
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as unknown as Record<string, string> & { sessionVersion: number };
          return {
            principal: principalOf(signedIn),
            signedInAt: Date.now(),
            sessionVersion: signedIn.sessionVersion,
          };
        }
        // Past the absolute lifetime the renewed cookie carries nobody: the visitor is signed out.
        if (isSessionExpired(token.signedInAt)) return {};
        return token;
      },
      async session({ session, token }) {
        if (!token.principal || isSessionExpired(token.signedInAt)) return { ...session, principal: undefined };
        return {
          ...session,
          principal: token.principal,
          signedInAt: token.signedInAt,
          sessionVersion: token.sessionVersion ?? 0,
        };
      },
    },
  };
}

function principalOf(user: Record<string, string>): Principal {
  if (user.role === "staff") return { role: "staff", staffUserId: user.staffUserId!, email: user.email! };
  return { role: "brand", accountId: user.accountId!, impactSid: user.impactSid!, companyName: user.companyName! };
}

declare module "next-auth" {
  interface Session {
    principal?: Principal;
    signedInAt?: number;
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    principal?: Principal;
    /** Epoch milliseconds of the sign-in: the absolute lifetime counts from here. */
    signedInAt?: number;
    sessionVersion?: number;
  }
}
