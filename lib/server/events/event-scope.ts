import type { Principal } from "@/lib/auth/principal";

/**
 * Who is looking: a brand sees its own account only; staff see every account (and may narrow to
 * one with the `account` filter). Every events query starts from this, never from a bare id.
 */
export type EventScope = { role: "brand"; accountId: string } | { role: "staff"; staffUserId: string };

export function scopeOf(principal: Principal): EventScope {
  return principal.role === "brand"
    ? { role: "brand", accountId: principal.accountId }
    : { role: "staff", staffUserId: principal.staffUserId };
}

/** The account condition for a query: the brand's own account, or for staff the chosen one (if any). */
export function accountCondition(scope: EventScope, accountFilter?: string): { accountId?: string } {
  if (scope.role === "brand") return { accountId: scope.accountId };
  return accountFilter ? { accountId: accountFilter } : {};
}
