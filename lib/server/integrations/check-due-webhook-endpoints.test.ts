// The periodic endpoint check (SPEC §12) against the fake Stripe over HTTP: an endpoint disabled in Stripe
// raises its alert with nobody opening a page, and the next look after it is enabled again resolves it;
// each minute only its share of the integrations is claimed, by one process, never one row twice.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { findOpenAlerts } from "@/lib/server/alerts/find-open-alerts";
import { checkDueWebhookEndpoints } from "@/lib/server/integrations/check-due-webhook-endpoints";
import { clearWebhookEndpointStatusCache } from "@/lib/server/integrations/check-webhook-endpoint";
import { claimEndpointChecks } from "@/lib/server/integrations/claim-endpoint-checks";
import { createIntegration } from "@/lib/server/integrations/create-integration";
import { createTestAccount, createTestIntegration } from "@/testing/db/factories";
import { createStripeAccount, integrationInput } from "@/testing/fakes/integration-fixtures";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();
const MINUTE = 60_000;
const T0 = new Date("2026-12-04T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

beforeEach(async () => {
  clearWebhookEndpointStatusCache();
  // The share of a minute is a tenth of all enabled integrations: each test starts from its own.
  await prisma.integration.deleteMany();
});

const retrieves = () => fakes.stripe.requests().filter((request) => request.route === "webhook_endpoints.retrieve");

describe("the periodic endpoint check", () => {
  it("raises stripe_endpoint_disabled with no page view; the next look after it is enabled again resolves it", async () => {
    const account = await createTestAccount();
    const { apiKey } = createStripeAccount(fakes.stripe);
    const { id } = await createIntegration(account.id, integrationInput(apiKey));
    const { stripeWebhookEndpointId } = await prisma.integration.findUniqueOrThrow({ where: { id } });
    await fakes.stripe.client(apiKey).webhookEndpoints.update(stripeWebhookEndpointId!, { disabled: true });
    fakes.stripe.clearRequests();

    expect(await checkDueWebhookEndpoints({ now: at(0) })).toEqual({ checked: 1, statuses: { disabled: 1 } });
    expect(retrieves().map((request) => request.path)).toEqual([`/v1/webhook_endpoints/${stripeWebhookEndpointId}`]);
    expect((await findOpenAlerts(account.id)).map(({ kind, integrationId }) => ({ kind, integrationId }))).toEqual([
      { kind: "stripe_endpoint_disabled", integrationId: id },
    ]);
    // The look is in the window of alert messages: the notifier sends it without a page view either.
    expect(
      await prisma.alertNotificationWindow.findUniqueOrThrow({
        where: { integrationId_kind: { integrationId: id, kind: "stripe_endpoint_disabled" } },
      }),
    ).toMatchObject({ unsentCount: 1, pendingSince: expect.any(Date) });

    await fakes.stripe.client(apiKey).webhookEndpoints.update(stripeWebhookEndpointId!, { disabled: false });
    clearWebhookEndpointStatusCache(); // the minute of the page's cache has long passed by then
    // Looked at a few minutes ago: not due yet.
    expect(await checkDueWebhookEndpoints({ now: at(9) })).toEqual({ checked: 0, statuses: {} });
    expect(await findOpenAlerts(account.id)).toHaveLength(1);

    expect(await checkDueWebhookEndpoints({ now: at(10) })).toEqual({ checked: 1, statuses: { enabled: 1 } });
    expect(await findOpenAlerts(account.id)).toEqual([]);
    expect(await prisma.alert.findFirstOrThrow({ where: { integrationId: id } })).toMatchObject({
      kind: "stripe_endpoint_disabled",
      clearedReason: "resolved",
    });
  });

  it("looks at a deleted endpoint too (missing), and never at an integration the brand disabled", async () => {
    const account = await createTestAccount();
    const { apiKey } = createStripeAccount(fakes.stripe);
    const gone = await createIntegration(account.id, integrationInput(apiKey));
    const paused = await createIntegration(account.id, integrationInput(apiKey));
    const goneRow = await prisma.integration.findUniqueOrThrow({ where: { id: gone.id } });
    await fakes.stripe.client(apiKey).webhookEndpoints.del(goneRow.stripeWebhookEndpointId!);
    await prisma.integration.update({ where: { id: paused.id }, data: { isEnabled: false } });

    expect(await checkDueWebhookEndpoints({ now: at(0) })).toEqual({ checked: 1, statuses: { missing: 1 } });
    expect((await findOpenAlerts(account.id)).map(({ kind, integrationId }) => [kind, integrationId])).toEqual([
      ["stripe_endpoint_missing", gone.id],
    ]);
    expect((await prisma.integration.findUniqueOrThrow({ where: { id: paused.id } })).endpointCheckedAt).toBeNull();
  });
});

describe("claiming the endpoint checks", () => {
  /** Database rows only: the claim talks to nobody, so no Stripe account is needed. */
  async function enabledIntegrations(count: number) {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push((await createTestIntegration()).integration.id);
    return ids;
  }

  it("spreads a backlog over the period: a tenth a minute, oldest first, each once a period", async () => {
    const ids = await enabledIntegrations(12); // a tenth of 12, rounded up: 2 a minute
    const claimedAt = async (minutes: number) => (await claimEndpointChecks(at(minutes))).map((row) => row.id);

    const rounds: string[][] = [];
    for (let minute = 0; minute < 6; minute++) {
      rounds.push(await claimedAt(minute));
      expect(await claimedAt(minute + 0.5)).toEqual([]); // the local notifier's 30 s tick: this minute's share is taken
    }
    expect(rounds.map((round) => round.length)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(new Set(rounds.flat())).toEqual(new Set(ids));
    expect(await claimedAt(9)).toEqual([]); // all looked at less than 10 minutes ago
    // The first minute's pair is due again first, ten minutes after its look.
    expect(new Set(await claimedAt(10))).toEqual(new Set(rounds[0]));
  });

  it("lets two processes claiming at once take the minute's share once, never the same row twice", async () => {
    await enabledIntegrations(12);

    const claims = await Promise.all(Array.from({ length: 6 }, () => claimEndpointChecks(at(0))));

    const claimed = claims.flat().map((row) => row.id);
    expect(claimed).toHaveLength(2);
    expect(new Set(claimed).size).toBe(2);
    // And whole rounds side by side: one of them looks, the other finds nothing to do.
    clearWebhookEndpointStatusCache();
    const rounds = await Promise.all([
      checkDueWebhookEndpoints({ now: at(1) }),
      checkDueWebhookEndpoints({ now: at(1) }),
    ]);
    expect(rounds.map((round) => round.checked).sort()).toEqual([0, 2]);
  });
});
