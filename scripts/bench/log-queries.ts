// The SQL a keyset delivery-log page runs (SPEC §8): account-scoped, newest first on
// ("receivedAt", id), 50 rows, with each filter and the free search. Written here because
// lib/server/events/find-events.ts did not exist yet when the bench was written; the shapes follow the
// indexes in prisma/schema.prisma.
export type LogQueryParams = {
  accountId: string;
  integrationId: string;
  cursor: { receivedAt: Date; id: string };
  from: Date;
  to: Date;
  stripeEventId: string;
  customerId: string;
  orderId: string;
};

export type LogQuery = { name: string; sql: string; params: (p: LogQueryParams) => unknown[] };

const COLUMNS = `e.id, e."stripeEventId", e.type, e.outcome, e."receivedAt", e."integrationId", e."customerId"`;
const PAGE = `ORDER BY e."receivedAt" DESC, e.id DESC LIMIT 50`;
const scoped = (where: string) => `SELECT ${COLUMNS} FROM "StripeEvent" e WHERE e."accountId" = $1 ${where} ${PAGE}`;
// One search box for three kinds of id: each arm is an index lookup, unioned, then scoped and ordered.
const SEARCH_UNION = `e.id IN (
    SELECT s.id FROM "StripeEvent" s WHERE s."stripeEventId" = $2
    UNION SELECT s.id FROM "StripeEvent" s WHERE s."customerId" = $2
    UNION SELECT d."stripeEventId" FROM "Delivery" d WHERE d."orderId" = $2)`;

export const LOG_QUERIES: LogQuery[] = [
  { name: "first page", sql: scoped(""), params: (p) => [p.accountId] },
  {
    name: "page after a cursor 10,000 rows deep",
    sql: scoped(`AND (e."receivedAt", e.id) < ($2, $3)`),
    params: (p) => [p.accountId, p.cursor.receivedAt, p.cursor.id],
  },
  { name: "integration", sql: scoped(`AND e."integrationId" = $2`), params: (p) => [p.accountId, p.integrationId] },
  { name: "type charge.refunded", sql: scoped(`AND e.type = $2`), params: (p) => [p.accountId, "charge.refunded"] },
  {
    name: "outcome exhausted",
    sql: scoped(`AND e.outcome = $2::"EventOutcome"`),
    params: (p) => [p.accountId, "exhausted"],
  },
  {
    name: "outcome pending (rare)",
    sql: scoped(`AND e.outcome = $2::"EventOutcome"`),
    params: (p) => [p.accountId, "pending"],
  },
  {
    name: "date range (7 days, 60 days ago)",
    sql: scoped(`AND e."receivedAt" >= $2 AND e."receivedAt" < $3`),
    params: (p) => [p.accountId, p.from, p.to],
  },
  {
    name: "integration + outcome + date range",
    sql: scoped(
      `AND e."integrationId" = $2 AND e.outcome = 'exhausted' AND e."receivedAt" >= $3 AND e."receivedAt" < $4`,
    ),
    params: (p) => [p.accountId, p.integrationId, p.from, p.to],
  },
  {
    name: "search: Stripe event id",
    sql: scoped(`AND e."stripeEventId" = $2`),
    params: (p) => [p.accountId, p.stripeEventId],
  },
  { name: "search: customer id", sql: scoped(`AND e."customerId" = $2`), params: (p) => [p.accountId, p.customerId] },
  {
    name: "search: OrderId (via Delivery)",
    sql: scoped(`AND EXISTS (SELECT 1 FROM "Delivery" d WHERE d."stripeEventId" = e.id AND d."orderId" = $2)`),
    params: (p) => [p.accountId, p.orderId],
  },
  {
    name: "search: one box, UNION of the three",
    sql: scoped(`AND ${SEARCH_UNION}`),
    params: (p) => [p.accountId, p.orderId],
  },
  {
    name: "search: one box, OR of the three",
    sql: scoped(
      `AND (e."stripeEventId" = $2 OR e."customerId" = $2 OR EXISTS (SELECT 1 FROM "Delivery" d WHERE d."stripeEventId" = e.id AND d."orderId" = $2))`,
    ),
    params: (p) => [p.accountId, p.orderId],
  },
  {
    name: "support: all accounts, first page",
    sql: `SELECT ${COLUMNS} FROM "StripeEvent" e ${PAGE}`,
    params: () => [],
  },
  {
    name: "support: all accounts, outcome exhausted",
    sql: `SELECT ${COLUMNS} FROM "StripeEvent" e WHERE e.outcome = 'exhausted' ${PAGE}`,
    params: () => [],
  },
];
