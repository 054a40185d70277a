// The one colour of every status (labels: OUTCOME_LABELS in lib/views/event-view). Each status has its own
// hue so a list can be scanned by colour; class names are written out whole so Tailwind finds them.
import type { EventOutcomeName } from "@/lib/views/event-view";

export type OutcomeStyle = {
  /** Border, background and text of the status badge. */
  badge: string;
  /** The same hue as an SVG fill (the dashboard chart). */
  fill: string;
};

export const OUTCOME_STYLES: Record<EventOutcomeName, OutcomeStyle> = {
  pending: { badge: "border-blue-200 bg-blue-50 text-blue-800", fill: "fill-blue-400" },
  sent: { badge: "border-cyan-300 bg-cyan-50 text-cyan-900", fill: "fill-cyan-400" },
  delivered: { badge: "border-emerald-300 bg-emerald-50 text-emerald-800", fill: "fill-emerald-500" },
  rejected: { badge: "border-fuchsia-300 bg-fuchsia-50 text-fuchsia-800", fill: "fill-fuchsia-600" },
  retrying: { badge: "border-amber-300 bg-amber-50 text-amber-900", fill: "fill-amber-400" },
  exhausted: { badge: "border-red-300 bg-red-50 text-red-800", fill: "fill-red-600" },
  unknown: { badge: "border-violet-300 bg-violet-50 text-violet-800", fill: "fill-violet-500" },
  skipped: { badge: "border-slate-300 bg-slate-100 text-slate-700", fill: "fill-slate-400" },
  ignored: { badge: "border-slate-200 bg-white text-slate-500", fill: "fill-slate-200" },
};
