import type { DeliveryStatusName, EventOutcomeName } from "@/lib/views/event-view";

const OUTCOME_STYLES: Record<EventOutcomeName, string> = {
  delivered: "border-emerald-300 bg-emerald-50 text-emerald-800",
  pending: "border-blue-200 bg-blue-50 text-blue-800",
  retrying: "border-amber-300 bg-amber-50 text-amber-900",
  exhausted: "border-red-300 bg-red-50 text-red-800",
  skipped: "border-slate-300 bg-slate-100 text-slate-700",
  ignored: "border-slate-200 bg-white text-slate-500",
};

export const OUTCOME_LABELS: Record<EventOutcomeName, string> = {
  delivered: "Delivered",
  pending: "Pending",
  retrying: "Retrying",
  exhausted: "Exhausted",
  skipped: "Skipped",
  ignored: "Ignored",
};

/** Where an event or delivery stands; failures (exhausted) stand out in red. */
export function OutcomeBadge({ outcome }: { outcome: EventOutcomeName | DeliveryStatusName }) {
  return (
    <span
      data-testid="outcome"
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${OUTCOME_STYLES[outcome]}`}
    >
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}

/** Test-mode data is labelled wherever it appears (SPEC §3.5), so it is never mistaken for sales. */
export function TestModeBadge({ mode }: { mode: "test" | "live" }) {
  if (mode !== "test") return null;
  return (
    <span className="inline-flex items-center rounded-full border border-amber-300 bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
      Test mode
    </span>
  );
}
