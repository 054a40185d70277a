import { prisma } from "@/lib/db";

export type AuditLogView = {
  id: string;
  createdAt: Date;
  staffEmail: string;
  action: string;
  account: { id: string; companyName: string } | null;
  targetType: string | null;
  targetId: string | null;
  details: string | null;
};

/** The newest staff actions, optionally for one account (both orders have an index). */
export async function findAuditLogs({
  accountId,
  limit = 200,
}: {
  accountId?: string;
  limit?: number;
} = {}): Promise<AuditLogView[]> {
  const rows = await prisma.auditLog.findMany({
    where: accountId ? { accountId } : undefined,
    orderBy: { createdAt: "desc" },
    take: Math.min(limit, 1000),
    select: {
      id: true,
      createdAt: true,
      action: true,
      accountId: true,
      targetType: true,
      targetId: true,
      details: true,
      actor: true,
      staffUser: { select: { email: true } },
    },
  });
  // AuditLog.accountId has no relation (the log outlives deleted accounts): names are looked up separately.
  const accountIds = [...new Set(rows.map((row) => row.accountId).filter((id): id is string => id !== null))];
  const accounts = await prisma.account.findMany({
    where: { id: { in: accountIds } },
    select: { id: true, companyName: true },
  });
  const names = new Map(accounts.map((account) => [account.id, account]));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    // A brand acting on its own account is named by the account column; staff by their email.
    staffEmail: row.staffUser?.email ?? (row.actor === "brand" ? "the brand itself" : "(removed staff member)"),
    action: row.action,
    account: row.accountId
      ? (names.get(row.accountId) ?? { id: row.accountId, companyName: "(deleted account)" })
      : null,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details === null ? null : JSON.stringify(row.details),
  }));
}
