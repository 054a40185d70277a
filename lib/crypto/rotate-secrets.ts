// Re-seals every stored secret that is still v1 or was sealed with ENCRYPTION_KEY_PREVIOUS as v2 with the
// current key, bound to its row and column, and seals the alert webhook URLs saved in plain before their
// column was sealed. Run by `npm run secrets:rotate` after changing ENCRYPTION_KEY (and once after the
// webhook URL migration); once it reports nothing left to rotate, ENCRYPTION_KEY_PREVIOUS can be removed.
import {
  ADVOCATE_SECRET_COLUMN,
  advocateConnectionSecret,
  INTEGRATION_SECRET_COLUMNS,
  integrationSecret,
  isUnsealedWebhookUrl,
  NOTIFICATION_SECRET_COLUMN,
  notificationWebhookSecret,
} from "@/lib/crypto/secret-bindings";
import {
  decryptWith,
  encryptWith,
  type KeyRing,
  keyRingFrom,
  needsRotation,
  type SecretBinding,
} from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";

const BATCH_SIZE = 200;

/**
 * Where a value lives: `table` is left out for Integration columns (the report's original shape); an
 * Advocate key is named by its integration, a webhook URL by its account.
 */
type SealedLocation =
  | { integrationId: string; table?: "AdvocateConnection"; column: string }
  | { accountId: string; table: "NotificationSettings"; column: string };
export type RotationFailure = SealedLocation & { reason: string };
export type RotationReport = {
  /** Integration rows read. */
  rows: number;
  /** AdvocateConnection rows read. */
  advocateConnections: number;
  /** NotificationSettings rows read. */
  notificationSettings: number;
  /** Sealed values re-encrypted with the current key as v2. */
  rotated: number;
  /** Webhook URLs saved in plain before their column was sealed, sealed now. */
  sealedPlain: number;
  /** Sealed values already v2 with the current key, left alone. */
  current: number;
  /** Values changed by someone else between the read and the write: rewritten by their writer, left alone. */
  changedMeanwhile: number;
  /** Values no configured key opens (or not ciphertexts at all): left as they are. */
  failed: RotationFailure[];
};

/** One sealed value as read: where it lives, and how to write it back only if it is still what we read. */
type SealedValue = {
  location: SealedLocation;
  sealed: string | null;
  binding: SecretBinding;
  /** A value of this column written before it was sealed, to seal as it is. */
  isUnsealed?: (stored: string) => boolean;
  /** Compare-and-set: a secret replaced through the form meanwhile is newer than ours and stays. */
  replace(resealed: string): Promise<number>;
};

/** Every table that stores sealed secrets, read in id order in batches. */
const SEALED_TABLES: {
  counter: "rows" | "advocateConnections" | "notificationSettings";
  read(after?: string): Promise<SealedValue[][]>;
}[] = [
  {
    counter: "rows",
    async read(after) {
      const rows = await prisma.integration.findMany({
        where: after === undefined ? {} : { id: { gt: after } },
        orderBy: { id: "asc" },
        take: BATCH_SIZE,
        select: {
          id: true,
          impactAuthTokenEncrypted: true,
          stripeApiKeyEncrypted: true,
          stripeWebhookSecretEncrypted: true,
        },
      });
      return rows.map((row) =>
        INTEGRATION_SECRET_COLUMNS.map((column) => ({
          location: { integrationId: row.id, column },
          sealed: row[column],
          binding: integrationSecret(row.id, column),
          replace: async (resealed) =>
            (
              await prisma.integration.updateMany({
                where: { id: row.id, [column]: row[column] },
                data: { [column]: resealed },
              })
            ).count,
        })),
      );
    },
  },
  {
    counter: "advocateConnections",
    async read(after) {
      const rows = await prisma.advocateConnection.findMany({
        where: after === undefined ? {} : { id: { gt: after } },
        orderBy: { id: "asc" },
        take: BATCH_SIZE,
        select: { id: true, integrationId: true, apiKeyEncrypted: true },
      });
      return rows.map((row) => [
        {
          location: { integrationId: row.integrationId, table: "AdvocateConnection", column: ADVOCATE_SECRET_COLUMN },
          sealed: row.apiKeyEncrypted,
          binding: advocateConnectionSecret(row.id),
          replace: async (resealed) =>
            (
              await prisma.advocateConnection.updateMany({
                where: { id: row.id, apiKeyEncrypted: row.apiKeyEncrypted },
                data: { apiKeyEncrypted: resealed },
              })
            ).count,
        },
      ]);
    },
  },
  {
    counter: "notificationSettings",
    async read(after) {
      const rows = await prisma.notificationSettings.findMany({
        where: after === undefined ? {} : { accountId: { gt: after } },
        orderBy: { accountId: "asc" },
        take: BATCH_SIZE,
        select: { accountId: true, webhookUrlEncrypted: true },
      });
      return rows.map((row) => [
        {
          location: { accountId: row.accountId, table: "NotificationSettings", column: NOTIFICATION_SECRET_COLUMN },
          sealed: row.webhookUrlEncrypted,
          binding: notificationWebhookSecret(row.accountId),
          isUnsealed: isUnsealedWebhookUrl,
          replace: async (resealed) =>
            (
              await prisma.notificationSettings.updateMany({
                where: { accountId: row.accountId, webhookUrlEncrypted: row.webhookUrlEncrypted },
                data: { webhookUrlEncrypted: resealed },
              })
            ).count,
        },
      ]);
    },
  },
];

async function rotateValue(ring: KeyRing, value: SealedValue, report: RotationReport): Promise<void> {
  if (value.sealed === null) return;
  const isPlain = value.isUnsealed?.(value.sealed) ?? false;
  if (!isPlain && !needsRotation(ring, value.sealed)) {
    report.current++;
    return;
  }
  let resealed: string;
  try {
    const plaintext = isPlain ? value.sealed : decryptWith(ring, value.sealed, value.binding);
    resealed = encryptWith(ring, plaintext, value.binding);
  } catch (error) {
    report.failed.push({ ...value.location, reason: (error as Error).message });
    return;
  }
  if ((await value.replace(resealed)) !== 1) report.changedMeanwhile++;
  else if (isPlain) report.sealedPlain++;
  else report.rotated++;
}

/** Idempotent: a second run finds everything current and writes nothing. */
export async function rotateSecrets(
  ring: KeyRing = keyRingFrom(getEnv().ENCRYPTION_KEY, getEnv().ENCRYPTION_KEY_PREVIOUS),
): Promise<RotationReport> {
  const report: RotationReport = {
    rows: 0,
    advocateConnections: 0,
    notificationSettings: 0,
    rotated: 0,
    sealedPlain: 0,
    current: 0,
    changedMeanwhile: 0,
    failed: [],
  };
  for (const table of SEALED_TABLES) {
    let after: string | undefined;
    for (;;) {
      const rows = await table.read(after);
      if (rows.length === 0) break;
      after = rows.at(-1)![0]!.binding.rowId;
      report[table.counter] += rows.length;
      for (const row of rows) for (const value of row) await rotateValue(ring, value, report);
    }
  }
  return report;
}
