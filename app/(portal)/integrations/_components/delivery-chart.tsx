import { OUTCOME_STYLES } from "@/components/events/outcome-styles";
import type { DeliveryDay } from "@/lib/views/integration-view";

const BAR_WIDTH = 18;
const GAP = 8;
const HEIGHT = 56;

/** The chart's stacks, bottom up, each in the colour of the status it stands for (failed: exhausted's red). */
const SERIES = [
  { key: "delivered", label: "delivered", fill: OUTCOME_STYLES.delivered.fill },
  { key: "awaiting", label: "awaiting impact.com", fill: OUTCOME_STYLES.sent.fill },
  { key: "failed", label: "failed", fill: OUTCOME_STYLES.exhausted.fill },
] as const satisfies ReadonlyArray<{ key: keyof Omit<DeliveryDay, "day">; label: string; fill: string }>;

/**
 * Seven UTC days of deliveries as stacked bars: delivered (confirmed by impact.com, green), awaiting
 * impact.com's outcome (sent), failed on top (rejected, exhausted or unknown; red, so failures stand
 * out). Inline SVG, no chart library; the table beneath the picture is for screen readers.
 */
export function DeliveryChart({ days }: { days: DeliveryDay[] }) {
  const peak = Math.max(1, ...days.map((day) => day.delivered + day.awaiting + day.failed));
  const scale = (count: number) => (count === 0 ? 0 : Math.max(2, Math.round((count / peak) * HEIGHT)));
  const width = days.length * (BAR_WIDTH + GAP) - GAP;
  return (
    <figure className="space-y-1">
      <svg width={width} height={HEIGHT + 14} aria-hidden="true" className="overflow-visible">
        {days.map((day, index) => {
          const x = index * (BAR_WIDTH + GAP);
          let top = HEIGHT;
          return (
            <g key={day.day}>
              <title>{`${day.day}: ${SERIES.map((series) => `${day[series.key]} ${series.label}`).join(", ")}`}</title>
              <rect x={x} y={0} width={BAR_WIDTH} height={HEIGHT} className="fill-slate-100" rx={2} />
              {SERIES.map((series) => {
                const height = scale(day[series.key]);
                top -= height;
                return (
                  <rect key={series.key} x={x} y={top} width={BAR_WIDTH} height={height} className={series.fill} />
                );
              })}
              <text x={x + BAR_WIDTH / 2} y={HEIGHT + 12} textAnchor="middle" className="fill-slate-500 text-[9px]">
                {day.day.slice(8)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-500">
        Last 7 days (UTC): delivered / awaiting impact.com / failed
      </figcaption>
      <table className="sr-only">
        <caption>Deliveries per day, last 7 days (UTC)</caption>
        <thead>
          <tr>
            <th>Day</th>
            <th>Delivered</th>
            <th>Awaiting impact.com</th>
            <th>Failed</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <td>{day.day}</td>
              <td>{day.delivered}</td>
              <td>{day.awaiting}</td>
              <td>{day.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
