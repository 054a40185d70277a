import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requireBrand } from "@/lib/auth/session";

const BRAND_LINKS = [
  { href: "/integrations", label: "Integrations" },
  { href: "/events", label: "Events" },
  { href: "/rewards", label: "Rewards" },
  { href: "/settings/notifications", label: "Notifications" },
];

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const brand = await requireBrand();
  return (
    <>
      <AppHeader who={brand.companyName} links={BRAND_LINKS} signOutTo="/login" />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
