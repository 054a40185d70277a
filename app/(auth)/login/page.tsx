import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { Card } from "@/components/ui/card";
import { getPrincipal } from "@/lib/auth/session";

export const metadata = { title: "Sign in · Payments integration portal" };

export default async function BrandLoginPage() {
  if ((await getPrincipal())?.role === "brand") redirect("/integrations");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <h1 className="mb-2 text-2xl font-semibold">Payments integration portal</h1>
      <p className="mb-6 text-sm text-slate-600">
        Sign in with your impact.com Account SID and Auth Token (Settings → Technical → API).
      </p>
      <Card>
        <CredentialsForm provider="brand" redirectTo="/integrations" />
      </Card>
    </main>
  );
}
