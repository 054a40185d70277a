import { decryptSecret, integrationSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { composeAlertMessage } from "@/lib/server/alerts/alert-message";
import { openWebhookUrl } from "@/lib/server/alerts/open-webhook-url";
import { sendAlertEmail } from "@/lib/server/alerts/send-alert-email";
import { sendAlertWebhook } from "@/lib/server/alerts/send-alert-webhook";
import type { AlertKindName, ChannelResult } from "@/lib/views/alert-view";

/** SPEC §12: at most one message per integration and kind an hour. */
export const ALERT_MESSAGE_INTERVAL_MS = 3_600_000;

type ClaimedWindow = {
  integrationId: string;
  kind: AlertKindName;
  count: number;
  pendingSince: Date;
};

export type DispatchSummary = { sent: number; skipped: number; failed: number };

/**
 * Takes the windows whose occurrences may be reported now (pending, and no message in the last hour), and
 * marks them sent in the same statement: SKIP LOCKED lets several processes dispatch side by side without
 * taking the same window, and a raise that arrives meanwhile starts counting into the next message.
 */
async function claimDueWindows(now: Date, limit: number): Promise<ClaimedWindow[]> {
  return prisma.$queryRaw<ClaimedWindow[]>`
    WITH due AS (
      SELECT "integrationId", kind, "unsentCount", "pendingSince" FROM "AlertNotificationWindow"
      WHERE "pendingSince" IS NOT NULL
        AND ("lastSentAt" IS NULL OR "lastSentAt" <= ${new Date(now.getTime() - ALERT_MESSAGE_INTERVAL_MS)})
      ORDER BY "pendingSince"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "AlertNotificationWindow" w SET "lastSentAt" = ${now}, "unsentCount" = 0, "pendingSince" = NULL
    FROM due WHERE w."integrationId" = due."integrationId" AND w.kind = due.kind
    RETURNING w."integrationId", w.kind::text AS kind, due."unsentCount" AS count, due."pendingSince" AS "pendingSince"`;
}

/** A message that reached nobody is counted into the next one (an hour later), not lost. */
async function putBack(window: ClaimedWindow): Promise<void> {
  await prisma.alertNotificationWindow.update({
    where: { integrationId_kind: { integrationId: window.integrationId, kind: window.kind } },
    data: {
      unsentCount: { increment: window.count },
      pendingSince: window.pendingSince,
    },
  });
}

/** The integration's secrets, only to make sure no message ever carries one (upstream text could echo it). */
function secretsOf(integration: {
  id: string;
  impactAuthTokenEncrypted: string;
  stripeApiKeyEncrypted: string;
  stripeWebhookSecretEncrypted: string | null;
}): string[] {
  const columns = ["impactAuthTokenEncrypted", "stripeApiKeyEncrypted", "stripeWebhookSecretEncrypted"] as const;
  return columns.flatMap((column) => {
    const sealed = integration[column];
    if (!sealed) return [];
    try {
      return [decryptSecret(sealed, integrationSecret(integration.id, column))];
    } catch {
      return []; // shape-based redaction still applies
    }
  });
}

/** Sends one claimed window's message to the account's destinations; what became of it. */
async function deliver(window: ClaimedWindow): Promise<keyof DispatchSummary> {
  const alert = await prisma.alert.findFirst({
    where: { integrationId: window.integrationId, kind: window.kind, clearedAt: null },
    select: {
      firstSeenAt: true,
      lastSeenAt: true,
      detail: true,
      integration: {
        select: {
          id: true,
          accountId: true,
          siteUrl: true,
          impactAuthTokenEncrypted: true,
          stripeApiKeyEncrypted: true,
          stripeWebhookSecretEncrypted: true,
          account: { select: { notificationSettings: { select: { email: true, webhookUrlEncrypted: true } } } },
        },
      },
    },
  });
  // Resolved or dismissed since: nothing left to tell anyone.
  if (!alert) return "skipped";
  const { integration } = alert;
  const settings = integration.account.notificationSettings;
  if (!settings?.email && !settings?.webhookUrlEncrypted) return "skipped";
  const webhook = await openWebhookUrl(integration.accountId, settings.webhookUrlEncrypted);
  const message = composeAlertMessage(
    { ...window, siteUrl: integration.siteUrl, ...alert },
    getEnv().PUBLIC_URL,
    secretsOf(integration),
  );
  const attempts: Promise<ChannelResult>[] = [];
  if (settings.email) attempts.push(sendAlertEmail(settings.email, message.subject, message.text));
  if (webhook.status === "open") attempts.push(sendAlertWebhook(webhook.url, message.text));
  if (webhook.status === "unreadable")
    attempts.push(Promise.resolve<ChannelResult>({ status: "failed", reason: webhook.reason }));
  const results = await Promise.all(attempts);
  const failures = results.flatMap((result) => (result.status === "failed" ? [result.reason] : []));
  if (failures.length > 0) {
    getLogger().warn(
      { component: "alerts", integrationId: window.integrationId, kind: window.kind, reasons: failures },
      "an alert message could not be delivered",
    );
  }
  if (results.some((result) => result.status === "sent")) return "sent";
  if (failures.length === 0) return "skipped"; // email only, and email is off
  await putBack(window);
  return "failed";
}

/**
 * One round of alert messages (SPEC §12), for both runners: the local notifier's loop and the Inngest
 * cron. Each integration and kind gets at most one message an hour, reporting every occurrence since its
 * previous one; occurrences while the hour runs wait in the window for the next. Never throws for one
 * window: its failure is logged and the others go on.
 */
export async function dispatchAlertNotifications({ now = new Date(), limit = 50 } = {}): Promise<DispatchSummary> {
  const summary: DispatchSummary = { sent: 0, skipped: 0, failed: 0 };
  for (const window of await claimDueWindows(now, limit)) {
    try {
      summary[await deliver(window)] += 1;
    } catch (error) {
      summary.failed += 1;
      getLogger().error(
        { component: "alerts", integrationId: window.integrationId, kind: window.kind, err: error },
        "dispatching an alert message failed",
      );
    }
  }
  return summary;
}
