import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Principal } from "@/lib/auth/principal";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { signInBrand } from "@/lib/server/auth/sign-in-brand";
import { signInStaff } from "@/lib/server/auth/sign-in-staff";

/** Sessions end after a working day; a stolen cookie is worth little for long. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || "unknown";
}

/** next-auth shows `error.message` of a throw in authorize() to the client: only ever our own messages. */
function userFacing(error: unknown): never {
  if (isAppError(error)) throw new Error(error.message);
  console.error("sign-in failed unexpectedly", error);
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
      // The JWT carries only identifiers and the display name; secrets stay in the database.
      async jwt({ token, user }) {
        if (user) token.principal = principalOf(user as unknown as Record<string, string>);
        return token;
      },
      async session({ session, token }) {
        return { ...session, principal: token.principal };
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
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    principal?: Principal;
  }
}
