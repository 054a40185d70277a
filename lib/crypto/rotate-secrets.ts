// Re-seals every stored secret that is still v1 or was sealed with ENCRYPTION_KEY_PREVIOUS as v2 with the
// current key, bound to its row and column. Run by `npm run secrets:rotate` after changing ENCRYPTION_KEY;
// once it reports nothing left to rotate, ENCRYPTION_KEY_PREVIOUS can be removed.
import { INTEGRATION_SECRET_COLUMNS, integrationSecret } from "@/lib/crypto/secret-bindings";
import { decryptWith, encryptWith, type KeyRing, keyRingFrom, needsRotation } from "@/lib/crypto/secret-box";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";

const BATCH_SIZE = 200;

export type RotationFailure = { integrationId: string; column: string; reason: string };
export type RotationReport = {
  /** Integration rows read. */
  rows: number;
  /** Sealed values re-encrypted with the current key as v2. */
  rotated: number;
  /** Sealed values already v2 with the current key, left alone. */
  current: number;
  /** Values changed by someone else between the read and the write: rewritten by their writer, left alone. */
  changedMeanwhile: number;
  /** Values no configured key opens (or not ciphertexts at all): left as they are. */
  failed: RotationFailure[];
};

/** Idempotent: a second run finds everything current and writes nothing. */
export async function rotateSecrets(
  ring: KeyRing = keyRingFrom(getEnv().ENCRYPTION_KEY, getEnv().ENCRYPTION_KEY_PREVIOUS),
): Promise<RotationReport> {
  const report: RotationReport = { rows: 0, rotated: 0, current: 0, changedMeanwhile: 0, failed: [] };
  let after: string | undefined;
  for (;;) {
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
    if (rows.length === 0) return report;
    after = rows.at(-1)!.id;
    report.rows += rows.length;
    for (const row of rows) {
      for (const column of INTEGRATION_SECRET_COLUMNS) {
        const sealed = row[column];
        if (sealed === null) continue;
        if (!needsRotation(ring, sealed)) {
          report.current++;
          continue;
        }
        const binding = integrationSecret(row.id, column);
        let resealed: string;
        try {
          resealed = encryptWith(ring, decryptWith(ring, sealed, binding), binding);
        } catch (error) {
          report.failed.push({ integrationId: row.id, column, reason: (error as Error).message });
          continue;
        }
        // Compare-and-set: a secret replaced through the form meanwhile is newer than ours and stays.
        const { count } = await prisma.integration.updateMany({
          where: { id: row.id, [column]: sealed },
          data: { [column]: resealed },
        });
        if (count === 1) report.rotated++;
        else report.changedMeanwhile++;
      }
    }
  }
}
