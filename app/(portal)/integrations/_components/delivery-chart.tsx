import type { DeliveryDay } from "@/lib/views/integration-view";

const BAR_WIDTH = 18;
const GAP = 8;
const HEIGHT = 56;

/**
 * Seven UTC days of deliveries as stacked bars: delivered (green) under failed (red,
 * so failures stand out). Inline SVG, no chart library; the table beneath the
 * picture is for screen readers.
 */
export function DeliveryChart({ days }: { days: DeliveryDay[] }) {
  const peak = Math.max(1, ...days.map((day) => day.delivered + day.failed));
  const scale = (count: number) => (count === 0 ? 0 : Math.max(2, Math.round((count / peak) * HEIGHT)));
  const width = days.length * (BAR_WIDTH + GAP) - GAP;
  return (
    <figure className="space-y-1">
      <svg width={width} height={HEIGHT + 14} aria-hidden="true" className="overflow-visible">
        {days.map((day, index) => {
          const x = index * (BAR_WIDTH + GAP);
          const delivered = scale(day.delivered);
          const failed = scale(day.failed);
          return (
            <g key={day.day}>
              <title>{`${day.day}: ${day.delivered} delivered, ${day.failed} failed`}</title>
              <rect x={x} y={0} width={BAR_WIDTH} height={HEIGHT} className="fill-slate-100" rx={2} />
              <rect x={x} y={HEIGHT - delivered} width={BAR_WIDTH} height={delivered} className="fill-emerald-500" />
              <rect x={x} y={HEIGHT - delivered - failed} width={BAR_WIDTH} height={failed} className="fill-red-600" />
              <text x={x + BAR_WIDTH / 2} y={HEIGHT + 12} textAnchor="middle" className="fill-slate-500 text-[9px]">
                {day.day.slice(8)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-500">Last 7 days (UTC): delivered / failed</figcaption>
      <table className="sr-only">
        <caption>Deliveries per day, last 7 days (UTC)</caption>
        <thead>
          <tr>
            <th>Day</th>
            <th>Delivered</th>
            <th>Failed</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <td>{day.day}</td>
              <td>{day.delivered}</td>
              <td>{day.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
