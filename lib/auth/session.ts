import "server-only";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { getAuthOptions, isSessionExpired } from "@/lib/auth/auth-options";
import type { BrandPrincipal, Principal, StaffPrincipal } from "@/lib/auth/principal";
import { isSessionCurrent } from "@/lib/server/auth/is-session-current";

/**
 * The signed-in principal, or undefined when signed out, past the absolute lifetime, or revoked (a
 * password reset or staff:disable bumped the session version; one primary-key read per request).
 */
export async function getPrincipal(): Promise<Principal | undefined> {
  // Sessions are per request: never prerender a page that asks (and never need secrets at build time).
  await connection();
  const session = await getServerSession(getAuthOptions());
  const principal = session?.principal;
  if (!principal || isSessionExpired(session.signedInAt)) return undefined;
  return (await isSessionCurrent(principal, session.sessionVersion ?? 0)) ? principal : undefined;
}

/** For brand pages and actions: the signed-in brand, or a redirect to /login. */
export async function requireBrand(): Promise<BrandPrincipal> {
  const principal = await getPrincipal();
  if (principal?.role !== "brand") redirect("/login");
  return principal;
}

/** For the staff console: the signed-in staff member, or a redirect to /support/login. */
export async function requireStaff(): Promise<StaffPrincipal> {
  const principal = await getPrincipal();
  if (principal?.role !== "staff") redirect("/support/login");
  return principal;
}
