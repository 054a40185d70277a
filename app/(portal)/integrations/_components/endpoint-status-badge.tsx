import { ENDPOINT_STATUS_LABELS, type EndpointStatus } from "@/lib/views/integration-view";

const TONES: Record<EndpointStatus, string> = {
  enabled: "border-emerald-300 bg-emerald-50 text-emerald-800",
  disabled: "border-slate-300 bg-slate-100 text-slate-700",
  missing: "border-red-300 bg-red-50 text-red-800",
  key_rejected: "border-red-300 bg-red-50 text-red-800",
  unreachable: "border-amber-300 bg-amber-50 text-amber-900",
};

const EXPLANATIONS: Record<EndpointStatus, string> = {
  enabled: "Stripe is sending events to the portal.",
  disabled: "Stripe is not sending events to the portal while the endpoint is disabled.",
  missing:
    "The webhook endpoint no longer exists in Stripe: no events arrive. Open Edit integration and save to register it again.",
  key_rejected: "Stripe rejects the saved API key (revoked or rolled?). Edit the integration and enter a new key.",
  unreachable: "Stripe could not be reached just now; the status is checked again shortly.",
};

/** The Stripe endpoint's status; awaits the check so the rest of the page can stream first. */
export async function EndpointStatusBadge({ status }: { status: Promise<EndpointStatus> }) {
  const resolved = await status;
  return (
    <span
      title={EXPLANATIONS[resolved]}
      data-testid="endpoint-status"
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${TONES[resolved]}`}
    >
      Stripe endpoint: {ENDPOINT_STATUS_LABELS[resolved]}
    </span>
  );
}

export function EndpointStatusPending() {
  return <span className="text-xs text-slate-500">Checking Stripe…</span>;
}
