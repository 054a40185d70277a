import Link from "next/link";
import { requireBrand } from "@/lib/auth/session";

export const metadata = { title: "Integrations · Payments integration portal" };

export default async function IntegrationsPage() {
  await requireBrand();
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Integrations</h1>
        <Link href="/integrations/new" className="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white">
          New integration
        </Link>
      </div>
      <p className="text-sm text-slate-600">No integrations yet.</p>
    </div>
  );
}
