import Link from "next/link";
import { formatUtc } from "@/components/events/format";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { findAuditLogs } from "@/lib/server/audit/find-audit-logs";

export const metadata = { title: "Audit log · Support console" };

// GET /support/audit – what support staff did (replays, marks as delivered, retries, account views, exports), newest first
export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<{ account?: string | string[] }>;
}) {
  await requireStaff();
  const { account } = await searchParams;
  const accountId = typeof account === "string" && account.trim() ? account.trim() : undefined;
  const entries = await findAuditLogs({ accountId });
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        {accountId ? (
          <Link href="/support/audit" className="text-sm text-brand hover:underline">
            Show all accounts
          </Link>
        ) : null}
      </div>
      <DataTable
        columns={["Time", "Staff", "Action", "Account", "Target", "Details"]}
        emptyText={entries.length === 0 ? "No staff action recorded yet." : undefined}
      >
        {entries.map((entry) => (
          <TableRow key={entry.id} data-testid="audit-row">
            <TableCell className="text-xs whitespace-nowrap">{formatUtc(entry.createdAt.toISOString())}</TableCell>
            <TableCell>{entry.staffEmail}</TableCell>
            <TableCell className="font-mono text-xs">{entry.action}</TableCell>
            <TableCell>
              {entry.account ? (
                <Link href={`/support/accounts/${entry.account.id}`} className="text-brand hover:underline">
                  {entry.account.companyName}
                </Link>
              ) : (
                "—"
              )}
            </TableCell>
            <TableCell className="font-mono text-xs break-all">
              {entry.targetId ? `${entry.targetType} ${entry.targetId}` : (entry.targetType ?? "—")}
            </TableCell>
            <TableCell className="max-w-md font-mono text-xs break-all text-slate-600">{entry.details ?? ""}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </div>
  );
}
