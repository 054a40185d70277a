// The bench's yardstick (SPEC §10): a bare node:http + pg handler doing the same verify-and-insert as
// the portal's intake — one SELECT of the integration's sealed signing secret, decrypt, the Stripe SDK's
// constructEvent (300 s tolerance), then event row + delivery row in one transaction with
// ON CONFLICT DO NOTHING — and nothing else: no framework, no ORM, no validation beyond the signature.
//   tsx scripts/bench/baseline-server.ts --port 3411 --database-url postgresql://…
import { randomUUID } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import Stripe from "stripe";
import { integrationSecret } from "@/lib/crypto/secret-bindings";
import { decryptWith, keyRingFrom } from "@/lib/crypto/secret-box";
import { HARNESS } from "@/testing/harness/harness-config";

const { values } = parseArgs({ options: { port: { type: "string" }, "database-url": { type: "string" } } });
const port = Number(values.port ?? HARNESS.baselinePort);
const pool = new pg.Pool({ connectionString: values["database-url"], max: 10 }); // the portal's pool size
const ring = keyRingFrom(HARNESS.encryptionKey);
const ROUTE = /^\/api\/webhooks\/stripe\/([^/?]+)$/;
const MAX_BODY_BYTES = 1024 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function store(integration: { id: string; accountId: string }, event: Stripe.Event): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO "StripeEvent" (id, "accountId", "integrationId", "stripeEventId", type, livemode, "apiVersion",
         "stripeCreatedAt", source, status, outcome, "customerId", payload)
       VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, $6, to_timestamp($7), 'webhook', 'accepted', 'skipped', $8, $9::jsonb)
       ON CONFLICT ("integrationId", "stripeEventId") DO NOTHING RETURNING id`,
      [
        integration.accountId,
        integration.id,
        event.id,
        event.type,
        event.livemode,
        event.api_version ?? null,
        event.created,
        (event.data.object as { customer?: string }).customer ?? null,
        JSON.stringify(event),
      ],
    );
    const eventRowId = inserted.rows[0]?.id;
    if (eventRowId) {
      await client.query(
        `INSERT INTO "Delivery" (id, "accountId", "integrationId", "stripeEventId", kind, "dedupeKey", status, "skipReason", "updatedAt")
         VALUES ($1, $2, $3, $4, 'conversion', $5, 'skipped', 'billing_reason manual', now())
         ON CONFLICT ("integrationId", "dedupeKey") DO NOTHING`,
        [randomUUID(), integration.accountId, integration.id, eventRowId, `skipped:${event.id}`],
      );
    }
    await client.query("COMMIT");
    return !eventRowId;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const match = req.method === "POST" ? ROUTE.exec(req.url ?? "") : null;
  if (!match) return send(res, 404, { error: "not found" });
  const body = await readBody(req);
  if (body === null) return send(res, 413, { error: "too large" });
  const { rows } = await pool.query<{ id: string; accountId: string; secret: string | null }>(
    `SELECT id, "accountId", "stripeWebhookSecretEncrypted" AS secret FROM "Integration" WHERE id = $1`,
    [decodeURIComponent(match[1]!)],
  );
  const integration = rows[0];
  if (!integration?.secret) return send(res, 404, { error: "no integration with this id" });
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      body,
      String(req.headers["stripe-signature"] ?? ""),
      decryptWith(ring, integration.secret, integrationSecret(integration.id, "stripeWebhookSecretEncrypted")),
      300,
    );
  } catch (error) {
    return send(res, 400, { error: (error as Error).message });
  }
  const isDuplicate = await store(integration, event);
  send(res, 200, { received: true, duplicate: isDuplicate, event: event.id });
}

http
  .createServer((req, res) => {
    handle(req, res).catch(() => send(res, 503, { error: "unavailable" }));
  })
  .listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port}`));
