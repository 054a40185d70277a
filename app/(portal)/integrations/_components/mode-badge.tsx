import type { IntegrationMode } from "@/lib/views/integration-view";

/** Test-mode integrations are labelled wherever they appear (SPEC §3.5), so test data is never mistaken for sales. */
export function ModeBadge({ mode }: { mode: IntegrationMode }) {
  return mode === "test" ? (
    <span className="inline-flex items-center rounded-full border border-amber-300 bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
      Test mode
    </span>
  ) : (
    <span className="inline-flex items-center rounded-full border border-emerald-300 bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-800">
      Live
    </span>
  );
}

export function EnabledBadge({ isEnabled }: { isEnabled: boolean }) {
  return isEnabled ? (
    <span className="text-xs font-medium text-emerald-700">Integration enabled</span>
  ) : (
    <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-700">
      Integration disabled
    </span>
  );
}
