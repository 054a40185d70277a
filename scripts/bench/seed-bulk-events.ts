// A million-event delivery log, made in PostgreSQL itself: INSERT … SELECT generate_series, with the
// secondary indexes and foreign keys dropped during the load and rebuilt after (much faster than
// maintaining them row by row). Distribution: 50 accounts (every fifth has two integrations), sizes
// skewed so the largest account holds ~13 % of all events, 180 days of history; types 70 % invoice.paid,
// 15 % checkout.session.completed, 10 % charge.refunded, 5 % unmapped (ignored); outcomes of the mapped
// ones 86 % delivered (confirmed: queued, then the submission read back Complete), 1 % sent (awaiting
// impact.com), 1 % rejected by impact.com, 7 % skipped, 2.5 % exhausted, 0.5 % unknown, 1 % retrying,
// 1 % pending; ~200 k customers.

import pg from "pg";
import { UNKNOWN_OUTCOME_ERROR } from "@/lib/events/replay-rules";
import { DEFAULT_INTEGRATION } from "@/testing/db/default-integration";

export const SEED_MARKER_TABLE = "_bench_seed";
/** Bumped when the seeded data changes shape, so the bench reseeds a database of an older version. */
const SEED_VERSION = 2;

const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

type Dropped = { indexes: string[]; foreignKeys: { table: string; name: string; definition: string }[] };

async function dropSecondaryStructures(client: pg.Client): Promise<Dropped> {
  const indexes = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('StripeEvent', 'Delivery') AND indexname NOT LIKE '%_pkey'`,
  );
  const foreignKeys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('"StripeEvent"', '"Delivery"', '"DeliveryAttempt"')`,
  );
  for (const fk of foreignKeys.rows) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.indexname}"`);
  return { indexes: indexes.rows.map((row) => row.indexdef), foreignKeys: foreignKeys.rows };
}

async function restore(client: pg.Client, dropped: Dropped): Promise<void> {
  for (const definition of dropped.indexes) await client.query(definition);
  for (const fk of dropped.foreignKeys)
    await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`);
}

const ACCOUNTS_SQL = `
  INSERT INTO "Account" (id, "impactSid", "companyName", "updatedAt")
  SELECT 'acc_' || lpad(a::text, 3, '0'), 'IRBULK' || lpad(a::text, 6, '0'), 'Bulk Brand ' || a, now()
  FROM generate_series(1, 50) AS a;
  INSERT INTO "Integration" (id, "accountId", "siteUrl", "programId", "eventTypeId", "recurringEventTypeId",
    "impactAuthTokenEncrypted", "stripeApiKeyEncrypted", "stripeApiKeyLast4", "stripeWebhookSecretEncrypted", mode, "updatedAt")
  SELECT 'int_' || lpad(i::text, 3, '0'), 'acc_' || lpad((CASE WHEN i <= 50 THEN i ELSE (i - 50) * 5 END)::text, 3, '0'),
    'https://shop' || i || '.example.com', '${DEFAULT_INTEGRATION.programId}', '${DEFAULT_INTEGRATION.eventTypeId}', '${DEFAULT_INTEGRATION.recurringEventTypeId}', 'v1.sealed', 'v1.sealed', 'abcd', 'v1.sealed', 'test', now()
  FROM generate_series(1, 60) AS i;`;

// One row of random draws per event; setseed makes the data set the same on every machine.
const EVENTS_SQL = `
  INSERT INTO "StripeEvent" (id, "accountId", "integrationId", "stripeEventId", type, livemode, "apiVersion",
    "stripeCreatedAt", "receivedAt", source, status, "ignoredReason", outcome, "customerId", payload)
  SELECT 'ev_' || lpad(d.n::text, 8, '0'), i."accountId", i.id, 'evt_1' || substr(md5('e' || d.n), 1, 23), d.type, false, '2026-01-28.clover',
    d.received - interval '2 seconds', d.received, 'webhook', (CASE WHEN d.type = 'customer.updated' THEN 'ignored' ELSE 'accepted' END)::"StripeEventStatus",
    CASE WHEN d.type = 'customer.updated' THEN 'event type customer.updated is not mapped to impact.com' END,
    (CASE WHEN d.type = 'customer.updated' THEN 'ignored'
          WHEN d.r_outcome < 0.86 THEN 'delivered' WHEN d.r_outcome < 0.87 THEN 'sent' WHEN d.r_outcome < 0.88 THEN 'rejected'
          WHEN d.r_outcome < 0.95 THEN 'skipped' WHEN d.r_outcome < 0.975 THEN 'exhausted' WHEN d.r_outcome < 0.98 THEN 'unknown'
          WHEN d.r_outcome < 0.99 THEN 'retrying' ELSE 'pending' END)::"EventOutcome",
    d.customer,
    jsonb_build_object('id', 'evt_1' || substr(md5('e' || d.n), 1, 23), 'object', 'event', 'type', d.type, 'livemode', false,
      'created', extract(epoch FROM d.received)::int,
      'data', jsonb_build_object('object', jsonb_build_object('id', d.order_id, 'customer', d.customer, 'currency', 'usd',
        'amount_paid', d.amount, 'billing_reason', 'subscription_cycle', 'metadata', jsonb_build_object('im_ref', 'click-' || d.n))))
  FROM (
    SELECT r.n, r.received, r.r_outcome, r.integration,
      CASE WHEN r.r_type < 0.70 THEN 'invoice.paid' WHEN r.r_type < 0.85 THEN 'checkout.session.completed'
           WHEN r.r_type < 0.95 THEN 'charge.refunded' ELSE 'customer.updated' END AS type,
      'cus_' || lpad(floor(r.r_customer * 200000)::text, 6, '0') AS customer,
      CASE WHEN r.r_type < 0.70 THEN 'in_1' ELSE 'pi_1' END || substr(md5('o' || r.n), 1, 23) AS order_id,
      (500 + floor(r.r_customer * 20000))::int AS amount
    FROM (SELECT n, now() - random() * interval '180 days' AS received, random() AS r_type, random() AS r_outcome,
                 random() AS r_customer, 1 + floor(60 * power(random(), 2))::int AS integration
          FROM generate_series(1, $1::int) AS n OFFSET 0) AS r
  ) AS d
  JOIN "Integration" i ON i.id = 'int_' || lpad(d.integration::text, 3, '0')`;

// A queued delivery (delivered, sent, rejected) was answered QUEUED 1 s after receipt and carries its
// APISubmission's path; a confirmed one was read back Complete after the default IMPACT_POLL_DELAY (10 s).
const DELIVERIES_SQL = `
  INSERT INTO "Delivery" (id, "accountId", "integrationId", "stripeEventId", kind, "dedupeKey", "orderId", "eventTypeId", status,
    "skipReason", "dueAt", "attemptCount", amount, currency, "queuedUri", "sentAt", "outcomeReads", "impactErrorType",
    "impactErrorReason", "lastStatusCode", "lastError", "deliveredAt", "createdAt", "updatedAt")
  SELECT 'dl_' || substr(e.id, 4), e."accountId", e."integrationId", e.id,
    (CASE WHEN e.type = 'charge.refunded' THEN 'modification' ELSE 'conversion' END)::"DeliveryKind",
    CASE WHEN e.outcome = 'skipped' THEN 'skipped:' || e."stripeEventId" WHEN e.type = 'charge.refunded' THEN 'modification:' || e."stripeEventId"
         ELSE 'conversion:${DEFAULT_INTEGRATION.eventTypeId}:' || (e.payload->'data'->'object'->>'id') END,
    e.payload->'data'->'object'->>'id', '${DEFAULT_INTEGRATION.eventTypeId}', e.outcome::text::"DeliveryStatus",
    CASE WHEN e.outcome = 'skipped' THEN 'billing_reason manual is not sent to impact.com' END,
    CASE WHEN e.outcome IN ('pending', 'retrying', 'sent') THEN now() + interval '1 hour' END,
    CASE WHEN e.outcome = 'exhausted' THEN 15 WHEN e.outcome = 'skipped' THEN 0 ELSE 1 END,
    e.payload->'data'->'object'->>'amount_paid', 'USD',
    CASE WHEN e.outcome IN ('delivered', 'sent', 'rejected')
         THEN '/Advertisers/IRBULK' || lpad(substr(e."accountId", 5), 6, '0') || '/APISubmissions/A-' || md5('s' || e.id) END,
    CASE WHEN e.outcome IN ('delivered', 'sent', 'rejected') THEN e."receivedAt" + interval '1 second' END,
    CASE WHEN e.outcome IN ('delivered', 'rejected') THEN 1 ELSE 0 END,
    CASE WHEN e.outcome = 'rejected' THEN 'Validation' END,
    CASE WHEN e.outcome = 'rejected' THEN 'ACTIONTRACKER_NOT_FOUND' END,
    CASE WHEN e.outcome IN ('delivered', 'sent', 'rejected') THEN 200 WHEN e.outcome IN ('exhausted', 'retrying') THEN 503 END,
    CASE WHEN e.outcome IN ('exhausted', 'retrying') THEN 'impact.com error 503'
         WHEN e.outcome = 'rejected' THEN 'impact.com rejected the submission: Validation — ACTIONTRACKER_NOT_FOUND'
         WHEN e.outcome = 'unknown' THEN ${sqlText(UNKNOWN_OUTCOME_ERROR)} END,
    CASE WHEN e.outcome = 'delivered' THEN e."receivedAt" + interval '11 seconds' END, e."receivedAt", e."receivedAt"
  FROM "StripeEvent" e WHERE e.status = 'accepted'`;

/** Fills an empty, migrated database with `events` events and their deliveries; returns seconds taken. */
export async function seedBulkEvents(
  databaseUrl: string,
  events: number,
  log: (line: string) => void = console.log,
): Promise<number> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '64MB'; SELECT setseed(0.42)`,
    );
    await client.query(ACCOUNTS_SQL);
    const dropped = await dropSecondaryStructures(client);
    const step = async (label: string, sql: string, params: unknown[] = []) => {
      const at = Date.now();
      await client.query(sql, params);
      log(`  ${label} (${((Date.now() - at) / 1000).toFixed(1)} s)`);
    };
    await step(`${events.toLocaleString("en")} events`, EVENTS_SQL, [events]);
    await step("their deliveries", DELIVERIES_SQL);
    const at = Date.now();
    await restore(client, dropped);
    log(`  indexes and foreign keys rebuilt (${((Date.now() - at) / 1000).toFixed(1)} s)`);
    await step("VACUUM ANALYZE", `VACUUM ANALYZE "StripeEvent", "Delivery"`);
    await client.query(
      `CREATE TABLE ${SEED_MARKER_TABLE} (events int NOT NULL, version int NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())`,
    );
    await client.query(`INSERT INTO ${SEED_MARKER_TABLE} (events, version) VALUES ($1, $2)`, [events, SEED_VERSION]);
  } finally {
    await client.end();
  }
  return Math.round((Date.now() - started) / 1000);
}

/** The number of events a previous seeding of this version left in this database, or 0. */
export async function seededEventCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    // A marker from before versions has no version column: the query fails and the database is reseeded.
    const { rows } = await client.query<{ events: number }>(
      `SELECT events FROM ${SEED_MARKER_TABLE} WHERE version = $1 LIMIT 1`,
      [SEED_VERSION],
    );
    return rows[0]?.events ?? 0;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
}
