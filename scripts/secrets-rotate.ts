// npm run secrets:rotate — after moving the old key to ENCRYPTION_KEY_PREVIOUS and setting a new
// ENCRYPTION_KEY, re-encrypts every secret sealed with the old key (or still v1) as v2 with the new one.
import { rotateSecrets } from "@/lib/crypto/rotate-secrets";
import { prisma } from "@/lib/db";

async function main(): Promise<void> {
  try {
    const report = await rotateSecrets();
    console.log(
      `secrets:rotate: ${report.rows} integrations, ${report.advocateConnections} Advocate connections and ` +
        `${report.notificationSettings} notification settings read; ${report.rotated} secrets re-encrypted, ` +
        `${report.sealedPlain} plain webhook URLs sealed, ` +
        `${report.current} already current, ${report.changedMeanwhile} changed meanwhile (left to their writer), ` +
        `${report.failed.length} unreadable.`,
    );
    for (const failure of report.failed) {
      const owner = "accountId" in failure ? `account ${failure.accountId}` : failure.integrationId;
      console.error(`  ${owner} ${failure.table ?? "Integration"}.${failure.column}: ${failure.reason}`);
    }
    if (report.failed.length > 0) {
      console.error("Keep ENCRYPTION_KEY_PREVIOUS until the values above are fixed or re-entered through the form.");
      process.exitCode = 1;
    } else if (report.rotated === 0) {
      console.log("Nothing left to rotate: ENCRYPTION_KEY_PREVIOUS can be removed.");
    }
  } catch (error) {
    console.error("secrets:rotate:", error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}

void main();
