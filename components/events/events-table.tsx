import { EventRow } from "@/components/events/event-row";
import { DataTable } from "@/components/ui/table";
import type { EventListItem } from "@/lib/views/event-view";

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
    <DataTable columns={columns} emptyText={items.length === 0 ? emptyText : undefined}>
      {items.map((item) => (
        <EventRow key={item.id} item={item} detailHref={`${basePath}/${item.id}`} showAccount={showAccount} />
      ))}
    </DataTable>
  );
}
