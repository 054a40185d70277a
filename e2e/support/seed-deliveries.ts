// Events and deliveries written straight into the e2e database, for states the runner reaches only
// through a crash or impact.com's asynchronous processing (rejected with impact's words, outcome unknown).
// Rows are shaped like the runner leaves them; the portal then reads them like any other.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { E2E } from "@/e2e/e2e-config.mjs";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export type SeededOutcome = { eventId: string; deliveryId: string; stripeEventId: string; orderId: string };

type OutcomeRow =
  | { status: "rejected"; impactErrorType: string; impactErrorReason: string }
  | { status: "unknown"; lastError: string };

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E.portalEnv.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One invoice.paid event of the integration whose conversion ended `rejected` or `unknown`. */
export async function seedDeliveryOutcome(integrationId: string, row: OutcomeRow): Promise<SeededOutcome> {
  const seeded = {
    eventId: `e2e${hex(10)}`,
    deliveryId: `e2e${hex(10)}`,
    stripeEventId: `evt_e2e${hex(10)}`,
    orderId: `in_e2e${hex(8)}`,
  };
  const isRejected = row.status === "rejected";
  await withDatabase(async (client) => {
    const { rows } = await client.query<{ accountId: string; eventTypeId: string }>(
      `SELECT "accountId", "eventTypeId" FROM "Integration" WHERE id = $1`,
      [integrationId],
    );
    const integration = rows[0];
    if (!integration) throw new Error(`seedDeliveryOutcome: no integration ${integrationId}`);
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "StripeEvent" (id, "accountId", "integrationId", "stripeEventId", type, livemode, "stripeCreatedAt",
         status, outcome, "customerId", payload)
       VALUES ($1, $2, $3, $4, 'invoice.paid', false, now(), 'accepted', $5::"EventOutcome", $6, $7)`,
      [
        seeded.eventId,
        integration.accountId,
        integrationId,
        seeded.stripeEventId,
        row.status,
        `cus_e2e${hex(6)}`,
        JSON.stringify({
          id: seeded.stripeEventId,
          object: "event",
          type: "invoice.paid",
          data: { object: { id: seeded.orderId } },
        }),
      ],
    );
    await client.query(
      `INSERT INTO "Delivery" (id, "accountId", "integrationId", "stripeEventId", kind, "dedupeKey", "orderId", "eventTypeId",
         status, "attemptCount", "lastStatusCode", "lastError", "queuedUri", "sentAt", "outcomeReads",
         "impactErrorType", "impactErrorReason", "updatedAt")
       VALUES ($1, $2, $3, $4, 'conversion', $5, $6, $7, $8::"DeliveryStatus", 1, $9, $10, $11, $12, $13, $14, $15, now())`,
      [
        seeded.deliveryId,
        integration.accountId,
        integrationId,
        seeded.eventId,
        `conversion:${integration.eventTypeId}:${seeded.orderId}`,
        seeded.orderId,
        integration.eventTypeId,
        row.status,
        isRejected ? 200 : null,
        isRejected
          ? `impact.com rejected the submission: ${row.impactErrorType} — ${row.impactErrorReason}`
          : row.lastError,
        isRejected ? `/Advertisers/IRE2E/APISubmissions/${hex(8)}` : null,
        isRejected ? new Date() : null,
        isRejected ? 2 : 0,
        isRejected ? row.impactErrorType : null,
        isRejected ? row.impactErrorReason : null,
      ],
    );
    await client.query("COMMIT");
  });
  return seeded;
}

/** Where a seeded delivery stands now, as the database has it. */
export async function deliveryStatusOf(deliveryId: string): Promise<{ status: string; lastError: string | null }> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ status: string; lastError: string | null }>(
      `SELECT status::text AS status, "lastError" FROM "Delivery" WHERE id = $1`,
      [deliveryId],
    );
    if (!rows[0]) throw new Error(`deliveryStatusOf: no delivery ${deliveryId}`);
    return rows[0];
  });
}
