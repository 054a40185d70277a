import { OUTCOME_STYLES } from "@/components/events/outcome-styles";
import { type EventOutcomeName, OUTCOME_LABELS } from "@/lib/views/event-view";

/** Where an event or delivery stands, in its own label and colour. */
export function OutcomeBadge({ outcome }: { outcome: EventOutcomeName }) {
  return (
    <span
      data-testid="outcome"
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${OUTCOME_STYLES[outcome].badge}`}
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
