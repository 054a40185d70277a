import { EventRow } from "@/components/events/event-row";
import type { EventListItem } from "@/lib/events/event-view";

const COLUMNS = ["Received", "Integration", "Stripe event", "OrderId", "Status", "Attempts", "Last response"];

export function EventsTable({
  items,
  basePath,
  showAccount,
  emptyText,
}: {
  items: EventListItem[];
  basePath: string;
  showAccount: boolean;
  emptyText: string;
}) {
  const columns = showAccount ? ["Account", ...COLUMNS] : COLUMNS;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <EventRow key={item.id} item={item} detailHref={`${basePath}/${item.id}`} showAccount={showAccount} />
          ))}
          {items.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-500">
                {emptyText}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
