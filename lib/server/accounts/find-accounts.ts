import { prisma } from "@/lib/db";

export type AccountSummary = {
  id: string;
  impactSid: string;
  companyName: string;
  lastSignInAt: Date | null;
  integrationCount: number;
};

/** Staff view: every account, optionally filtered by SID or company name (case-insensitive). */
export async function findAccounts({
  query,
  limit = 100,
}: {
  query?: string;
  limit?: number;
} = {}): Promise<AccountSummary[]> {
  const search = query?.trim();
  const accounts = await prisma.account.findMany({
    where: search
      ? {
          OR: [
            { impactSid: { contains: search, mode: "insensitive" } },
            { companyName: { contains: search, mode: "insensitive" } },
          ],
        }
      : undefined,
    select: {
      id: true,
      impactSid: true,
      companyName: true,
      lastSignInAt: true,
      _count: { select: { integrations: true } },
    },
    orderBy: { companyName: "asc" },
    take: limit,
  });
  return accounts.map(({ _count, ...account }) => ({ ...account, integrationCount: _count.integrations }));
}
