import { BackLink } from "@/components/ui/back-link";

export default function IntegrationNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Integration not found</h1>
      <p className="text-sm text-slate-600">It may have been deleted, or it belongs to another account.</p>
      <BackLink href="/integrations">Integrations</BackLink>
    </div>
  );
}
