import { OUTCOME_STYLES } from "@/components/events/outcome-styles";
import { StatusBadge } from "@/components/ui/status-badge";
import { type EventOutcomeName, OUTCOME_LABELS } from "@/lib/views/event-view";

/** Where an event or delivery stands, in its own label and colour. */
export function OutcomeBadge({ outcome }: { outcome: EventOutcomeName }) {
  return (
    <StatusBadge data-testid="outcome" label={OUTCOME_LABELS[outcome]} className={OUTCOME_STYLES[outcome].badge} />
  );
}

/** Test-mode data is labelled wherever it appears (SPEC §3.5), so it is never mistaken for sales. */
export function TestModeBadge({ mode }: { mode: "test" | "live" }) {
  if (mode !== "test") return null;
  return <StatusBadge label="Test mode" className="border-amber-300 bg-amber-100 text-amber-900" />;
}
