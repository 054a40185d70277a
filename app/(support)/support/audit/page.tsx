import Link from "next/link";
import { formatUtc } from "@/components/events/format";
import { requireStaff } from "@/lib/auth/session";
import { findAuditLogs } from "@/lib/server/audit/find-audit-logs";

export const metadata = { title: "Audit log · Support console" };

// GET /support/audit – what support staff did (replays, retries, account views, exports), newest first
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              {["Time", "Staff", "Action", "Account", "Target", "Details"].map((column) => (
                <th key={column} className="px-3 py-2 font-medium">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-row" className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 text-xs whitespace-nowrap">{formatUtc(entry.createdAt.toISOString())}</td>
                <td className="px-3 py-2">{entry.staffEmail}</td>
                <td className="px-3 py-2 font-mono text-xs">{entry.action}</td>
                <td className="px-3 py-2">
                  {entry.account ? (
                    <Link href={`/support/accounts/${entry.account.id}`} className="text-brand hover:underline">
                      {entry.account.companyName}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2 font-mono text-xs break-all">
                  {entry.targetId ? `${entry.targetType} ${entry.targetId}` : (entry.targetType ?? "—")}
                </td>
                <td className="max-w-md px-3 py-2 font-mono text-xs break-all text-slate-600">{entry.details ?? ""}</td>
              </tr>
            ))}
            {entries.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-slate-500">
                  No staff action recorded yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
