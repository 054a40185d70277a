import Link from "next/link";

export default function IntegrationNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Integration not found</h1>
      <p className="text-sm text-slate-600">It may have been deleted, or it belongs to another account.</p>
      <Link href="/integrations" className="text-sm text-brand hover:underline">
        ← Integrations
      </Link>
    </div>
  );
}
