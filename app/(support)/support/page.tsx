import Link from "next/link";
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
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-4 py-2">Company</th>
            <th className="px-4 py-2">Account SID</th>
            <th className="px-4 py-2">Integrations</th>
            <th className="px-4 py-2">Last sign-in</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.id} className="border-t border-slate-100">
              <td className="px-4 py-2 font-medium">
                <Link href={`/support/accounts/${account.id}`} className="text-brand hover:underline">
                  {account.companyName}
                </Link>
              </td>
              <td className="px-4 py-2 font-mono text-xs">{account.impactSid}</td>
              <td className="px-4 py-2">{account.integrationCount}</td>
              <td className="px-4 py-2">
                {account.lastSignInAt?.toISOString().replace("T", " ").slice(0, 16) ?? "never"}
              </td>
            </tr>
          ))}
          {accounts.length === 0 ? (
            <tr>
              <td colSpan={4} className="px-4 py-6 text-center text-slate-500">
                {q ? `No account matches “${q}”.` : "No brand has signed in yet."}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
