// The Inngest cron of alert messages through @inngest/test against the real database, emailing through a
// real SMTP server in-process: both steps run, a delivery alert whose cause is gone is resolved first,
// and the due message goes out once.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { raiseAlert } from "@/lib/server/alerts/raise-alert";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestIntegration } from "@/testing/db/factories";
import { type SmtpReceiver, startSmtpReceiver } from "@/testing/receivers/smtp-receiver";

let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
  process.env.SMTP_URL = smtp.url;
  process.env.PUBLIC_URL = "https://portal.example.test";
});
afterAll(() => smtp.close());

it("resolves delivery alerts whose deliveries moved on, then sends each due message once", async () => {
  const { sendAlertMessages } = await import("@/inngest/functions/send-alert-messages");
  const { integration } = await createTestIntegration();
  await prisma.notificationSettings.create({ data: { accountId: integration.accountId, email: "ops@shop.example" } });
  await createTestEvent(integration, { outcome: "rejected" });
  await raiseAlert({ integrationId: integration.id, kind: "delivery_rejected", detail: "Order in_1: rejected" });
  // Raised, but no delivery of the integration is exhausted any more (replayed since): resolved, no message.
  await raiseAlert({ integrationId: integration.id, kind: "delivery_exhausted", detail: "Order in_2: gave up" });

  const { result } = await new InngestTestEngine({ function: sendAlertMessages }).execute();

  expect(result).toEqual({ resolved: 1, sent: 1, skipped: 1, failed: 0 });
  expect(smtp.messages.map((message) => [message.envelopeTo, message.subject])).toEqual([
    [["ops@shop.example"], `Alert: impact.com rejected deliveries (${integration.siteUrl})`],
  ]);
  expect(smtp.messages[0]!.envelopeFrom).toBe("alerts@portal.example.test");

  const again = await new InngestTestEngine({ function: sendAlertMessages }).execute();
  expect(again.result).toEqual({ resolved: 0, sent: 0, skipped: 0, failed: 0 });
  expect(smtp.messages).toHaveLength(1);
});
