// Intake's view of an integration, kept in memory between webhooks (issue 13): reading the row and
// decrypting its signing secret on every request cost a statement and an AES-GCM open each time. A cached
// entry is never trusted blindly: intake's statement stores nothing unless the row's `updatedAt` is still
// the one cached (insert-stripe-event.ts), so an edit, a disable or a new secret takes effect on the very
// next webhook, in every process, with no message between them.
import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { sqlPool } from "@/lib/db";
import type { IntakeIntegration } from "@/lib/server/webhooks/store-stripe-event";

export type CachedIntakeIntegration = IntakeIntegration & {
  /** The row's `updatedAt` as PostgreSQL prints it: the version intake's statement checks. */
  version: string;
  signingSecret: string;
  /** True when this came from memory (a failed signature is then checked again against the row). */
  isFromCache: boolean;
};

/** Enough for every integration of a large installation; beyond it the oldest entries make room. */
const MAX_ENTRIES = 10_000;
/** Bounds how long memory holds a row nobody sends to any more; correctness never depends on it. */
const ENTRY_TTL_MS = 10 * 60_000;

type Entry = { integration: CachedIntakeIntegration; loadedAt: number };
const globalForCache = globalThis as unknown as { intakeIntegrations?: Map<string, Entry> };

function cache(): Map<string, Entry> {
  globalForCache.intakeIntegrations ??= new Map();
  return globalForCache.intakeIntegrations;
}

type IntegrationRow = {
  id: string;
  accountId: string;
  eventTypeId: string;
  recurringEventTypeId: string;
  isEnabled: boolean;
  stripeWebhookSecretEncrypted: string | null;
  version: string;
};

async function loadIntakeIntegration(integrationId: string): Promise<CachedIntakeIntegration | null> {
  const { rows } = await sqlPool().query<IntegrationRow>(
    `SELECT id, "accountId", "eventTypeId", "recurringEventTypeId", "isEnabled", "stripeWebhookSecretEncrypted",
       "updatedAt"::text AS version
     FROM "Integration" WHERE id = $1`,
    [integrationId],
  );
  const row = rows[0];
  if (!row?.stripeWebhookSecretEncrypted) return null;
  const { stripeWebhookSecretEncrypted, ...fields } = row;
  return {
    ...fields,
    signingSecret: decryptSecret(
      stripeWebhookSecretEncrypted,
      integrationSecret(row.id, "stripeWebhookSecretEncrypted"),
    ),
    isFromCache: false,
  };
}

/**
 * The integration a webhook is addressed to, with its decrypted signing secret; null when there is none
 * (or it has no endpoint yet). `fresh` reads the row again, for a cached entry found out of date.
 */
export async function getIntakeIntegration(
  integrationId: string,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<CachedIntakeIntegration | null> {
  const entries = cache();
  const entry = entries.get(integrationId);
  if (!fresh && entry && Date.now() - entry.loadedAt < ENTRY_TTL_MS) return { ...entry.integration, isFromCache: true };
  entries.delete(integrationId);
  const integration = await loadIntakeIntegration(integrationId);
  if (!integration) return null;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(integrationId, { integration, loadedAt: Date.now() });
  return integration;
}
