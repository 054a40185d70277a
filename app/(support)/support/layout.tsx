import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requireStaff } from "@/lib/auth/session";

const STAFF_LINKS = [
  { href: "/support", label: "Accounts" },
  { href: "/support/events", label: "Events" },
  { href: "/support/rewards", label: "Rewards" },
  { href: "/support/audit", label: "Audit log" },
];

export default async function SupportLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  return (
    <>
      <AppHeader who={`Support · ${staff.email}`} links={STAFF_LINKS} signOutTo="/support/login" />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
