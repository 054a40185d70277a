import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { Card } from "@/components/ui/card";
import { getPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Support sign-in · Payments integration portal" };

export default async function StaffLoginPage() {
  if ((await getPrincipal())?.role === "staff") redirect("/support");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <h1 className="mb-2 text-2xl font-semibold">Support console</h1>
      <p className="mb-6 text-sm text-slate-600">Staff accounts are created with npm run staff:create.</p>
      <Card>
        <CredentialsForm provider="staff" redirectTo="/support" />
      </Card>
    </main>
  );
}
