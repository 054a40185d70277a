import Link from "next/link";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { findAccounts } from "@/lib/server/accounts/find-accounts";

export const metadata = { title: "Support console · Payments integration portal" };

export default async function SupportConsolePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireStaff();
  const { q } = await searchParams;
  const accounts = await findAccounts({ query: q });
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Accounts</h1>
        <form className="flex gap-2" role="search">
          <label htmlFor="q" className="sr-only">
            Search accounts
          </label>
          <input
            id="q"
            name="q"
            defaultValue={q}
            placeholder="SID or company name"
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
            Search
          </button>
        </form>
      </div>
      <DataTable
        columns={["Company", "Account SID", "Integrations", "Last sign-in"]}
        emptyText={
          accounts.length === 0 ? (q ? `No account matches “${q}”.` : "No brand has signed in yet.") : undefined
        }
      >
        {accounts.map((account) => (
          <TableRow key={account.id}>
            <TableCell className="font-medium">
              <Link href={`/support/accounts/${account.id}`} className="text-brand hover:underline">
                {account.companyName}
              </Link>
            </TableCell>
            <TableCell className="font-mono text-xs">{account.impactSid}</TableCell>
            <TableCell>{account.integrationCount}</TableCell>
            <TableCell>{account.lastSignInAt?.toISOString().replace("T", " ").slice(0, 16) ?? "never"}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </div>
  );
}
