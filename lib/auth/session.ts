import "server-only";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import type { BrandPrincipal, Principal, StaffPrincipal } from "@/lib/auth/principal";

export async function getPrincipal(): Promise<Principal | undefined> {
  // Sessions are per request: never prerender a page that asks (and never need secrets at build time).
  await connection();
  const session = await getServerSession(getAuthOptions());
  return session?.principal;
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
