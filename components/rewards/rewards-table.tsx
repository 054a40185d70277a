import { RewardRow } from "@/components/rewards/reward-row";
import { DataTable } from "@/components/ui/table";
import type { RewardListItem } from "@/lib/views/reward-view";

const COLUMNS = [
  "Received",
  "Integration",
  "Reward",
  "Participant / customer",
  "Amount",
  "Status",
  "Balance transaction",
  "Attempts",
];

export function RewardsTable({
  items,
  basePath,
  showAccount,
  emptyText,
}: {
  items: RewardListItem[];
  basePath: string;
  showAccount: boolean;
  emptyText: string;
}) {
  const columns = showAccount ? ["Account", ...COLUMNS] : COLUMNS;
  return (
    <DataTable columns={columns} emptyText={items.length === 0 ? emptyText : undefined}>
      {items.map((item) => (
        <RewardRow key={item.id} item={item} detailHref={`${basePath}/${item.id}`} showAccount={showAccount} />
      ))}
    </DataTable>
  );
}
