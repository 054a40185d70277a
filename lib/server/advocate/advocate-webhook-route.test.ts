// Advocate intake through the real route handler (SPEC §11): real PostgreSQL, the fake Advocate's JWKS
// and signatures over real HTTP. The credit job is not run here (see lib/server/rewards/*.test.ts).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getMetrics } from "@/lib/server/operations/metrics";
import { createTestIntegration } from "@/testing/db/factories";
import {
  type AdvocateWorld,
  addReward,
  advocateWebhookRequest,
  createAdvocateWorld,
  postAdvocateWebhook,
} from "@/testing/fakes/connected-advocate";
import { webhookBody } from "@/testing/fakes/fake-advocate";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes({ advocate: true });

const post = (world: AdvocateWorld, request: Request) => postAdvocateWebhook(world.integration.id, request);
const creditsOf = (world: AdvocateWorld) =>
  prisma.rewardCredit.findMany({ where: { integrationId: world.integration.id } });
const eventsOf = (world: AdvocateWorld) =>
  prisma.advocateEvent.findMany({ where: { integrationId: world.integration.id }, orderBy: { receivedAt: "asc" } });

async function counted(labels: { type: string; outcome: string }): Promise<number> {
  const { values } = await getMetrics().webhooksReceived.get();
  return (
    values.find(
      (value) =>
        value.labels.source === "advocate" &&
        value.labels.type === labels.type &&
        value.labels.outcome === labels.outcome,
    )?.value ?? 0
  );
}

describe("POST /api/webhooks/advocate/[integrationId]", () => {
  it("stores a CREDIT reward.created and plans one pending credit in the unit's currency, answering exactly 200", async () => {
    const world = await createAdvocateWorld(fakes);
    const reward = addReward(fakes, world, { unit: "STRIPE/USD", assignedCredit: 2500 });
    const before = await counted({ type: "reward.created", outcome: "accepted" });

    const response = await post(world, await advocateWebhookRequest(fakes, world, { data: reward, id: "evt_1" }));

    expect(response).toEqual({ status: 200, body: { received: true, duplicate: false, event: "evt_1" } });
    const [event] = await eventsOf(world);
    expect(event).toMatchObject({
      advocateEventId: "evt_1",
      type: "reward.created",
      tenantAlias: world.tenantAlias,
      live: false,
      status: "accepted",
      ignoredReason: null,
    });
    expect(await creditsOf(world)).toEqual([
      expect.objectContaining({
        advocateEventId: event!.id,
        tenantAlias: world.tenantAlias,
        rewardId: reward.id,
        advocateAccountId: world.participant.accountId,
        advocateUserId: world.participant.id,
        unit: "STRIPE/USD",
        currency: "usd",
        amount: 2500,
        status: "pending",
        redeemStatus: "not_due",
        dueAt: expect.any(Date),
      }),
    ]);
    const connection = await prisma.advocateConnection.findUniqueOrThrow({
      where: { integrationId: world.integration.id },
    });
    expect(connection.lastRewardAt).toBeInstanceOf(Date);
    expect(await counted({ type: "reward.created", outcome: "accepted" })).toBe(before + 1);
  });

  it("passes zero- and three-decimal amounts through as the integers Advocate sent", async () => {
    const world = await createAdvocateWorld(fakes);
    const yen = addReward(fakes, world, { unit: "STRIPE/JPY", assignedCredit: 500 });
    const dinar = addReward(fakes, world, { unit: "STRIPE/KWD", assignedCredit: 1234 });

    for (const reward of [yen, dinar]) {
      expect((await post(world, await advocateWebhookRequest(fakes, world, { data: reward }))).status).toBe(200);
    }

    const credits = await creditsOf(world);
    expect(credits.map(({ currency, amount }) => ({ currency, amount })).sort((a, b) => a.amount - b.amount)).toEqual([
      { currency: "jpy", amount: 500 },
      { currency: "kwd", amount: 1234 },
    ]);
  });

  it("answers a duplicate 200 and stores nothing new; ten concurrent copies make one event and one credit", async () => {
    const world = await createAdvocateWorld(fakes);
    const reward = addReward(fakes, world);
    const first = await post(world, await advocateWebhookRequest(fakes, world, { data: reward, id: "evt_dup" }));
    expect(first.body.duplicate).toBe(false);

    const again = await post(world, await advocateWebhookRequest(fakes, world, { data: reward, id: "evt_dup" }));
    expect(again).toEqual({ status: 200, body: { received: true, duplicate: true, event: "evt_dup" } });

    const other = addReward(fakes, world);
    const copies = await Promise.all(
      Array.from({ length: 10 }, async () =>
        post(world, await advocateWebhookRequest(fakes, world, { data: other, id: "evt_burst" })),
      ),
    );
    expect(copies.map((copy) => copy.status)).toEqual(Array(10).fill(200));
    expect(copies.filter((copy) => copy.body.duplicate === false)).toHaveLength(1);
    expect(await eventsOf(world)).toHaveLength(2);
    expect((await creditsOf(world)).map((credit) => credit.rewardId).sort()).toEqual([reward.id, other.id].sort());
  });

  it("keeps a second event for a reward already planned, ignored with the reason, and plans no second credit", async () => {
    const world = await createAdvocateWorld(fakes);
    const reward = addReward(fakes, world);
    await post(world, await advocateWebhookRequest(fakes, world, { data: reward, id: "evt_a" }));

    const second = await post(world, await advocateWebhookRequest(fakes, world, { data: reward, id: "evt_b" }));

    expect(second).toEqual({ status: 200, body: { received: true, duplicate: false, event: "evt_b" } });
    expect(
      (await eventsOf(world)).map(({ advocateEventId, status, ignoredReason }) => ({
        advocateEventId,
        status,
        ignoredReason,
      })),
    ).toEqual([
      { advocateEventId: "evt_a", status: "accepted", ignoredReason: null },
      {
        advocateEventId: "evt_b",
        status: "ignored",
        ignoredReason: `reward ${reward.id} was already planned by an earlier event`,
      },
    ]);
    expect(await creditsOf(world)).toHaveLength(1);
  });

  it("stores other event types, reward types and units as ignored with the reason, and plans nothing", async () => {
    const world = await createAdvocateWorld(fakes, { rewardUnits: "STRIPE/USD" });
    const discount = addReward(fakes, world, { type: "PCT_DISCOUNT", unit: null, assignedCredit: null });
    const euros = addReward(fakes, world, { unit: "STRIPE/EUR" });
    const points = addReward(fakes, world, { unit: "POINTS" });
    const sent = [
      { id: "evt_user", type: "user.created", data: { id: world.participant.id } },
      { id: "evt_balance", type: "user.reward.balance.changed", data: { userId: world.participant.id } },
      { id: "evt_discount", data: discount },
      { id: "evt_eur", data: euros },
      { id: "evt_points", data: points },
    ];
    for (const input of sent) {
      expect((await post(world, await advocateWebhookRequest(fakes, world, input))).status).toBe(200);
    }

    const reasons = Object.fromEntries(
      (await eventsOf(world)).map((event) => [event.advocateEventId, [event.status, event.ignoredReason]]),
    );
    expect(reasons).toEqual({
      evt_user: ["ignored", "event type user.created does not credit anything (only reward.created)"],
      evt_balance: ["ignored", "event type user.reward.balance.changed does not credit anything (only reward.created)"],
      evt_discount: ["ignored", `reward ${discount.id} is of type PCT_DISCOUNT; only CREDIT rewards are credited`],
      evt_eur: [
        "ignored",
        `reward ${euros.id}: reward unit STRIPE/EUR is not among this connection's reward units (STRIPE/USD)`,
      ],
      evt_points: ["ignored", `reward ${points.id}: reward unit POINTS is not STRIPE/<currency>`],
    });
    expect(await creditsOf(world)).toEqual([]);
  });

  it("refuses a bad or missing signature with 400 and the reason, storing nothing", async () => {
    const world = await createAdvocateWorld(fakes);
    const reward = addReward(fakes, world);
    const body = webhookBody(world.tenantAlias, { type: "reward.created", data: reward });
    const tampered = body.replace(`"assignedCredit":1000`, `"assignedCredit":900000`);
    expect(tampered).not.toBe(body);
    const url = `${fakes.publicUrl}/api/webhooks/advocate/${world.integration.id}`;
    const signature = await fakes.advocate.signBody(body);

    const forged = await post(
      world,
      new Request(url, { method: "POST", body: tampered, headers: { "x-hook-jws-rfc-7797": signature } }),
    );
    const unsigned = await post(world, new Request(url, { method: "POST", body }));

    expect(forged).toEqual({
      status: 400,
      body: {
        error: {
          code: "BAD_REQUEST",
          message: "signature refused (bad signature): the signature does not match the body",
        },
      },
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error).toMatchObject({ message: expect.stringContaining("missing header") });
    expect(await eventsOf(world)).toEqual([]);
  });

  it("refuses a signed body that is no envelope (400), another tenant's event (400), and an unconnected integration (404)", async () => {
    const world = await createAdvocateWorld(fakes);
    const url = `${fakes.publicUrl}/api/webhooks/advocate/${world.integration.id}`;
    const signed = async (body: string) =>
      new Request(url, {
        method: "POST",
        body,
        headers: { "x-hook-jws-rfc-7797": await fakes.advocate.signBody(body) },
      });

    const noEnvelope = await post(world, await signed(JSON.stringify({ hello: "world" })));
    const notJson = await post(world, await signed("not json"));
    const otherTenant = await post(
      world,
      await signed(webhookBody("test_someone_else", { type: "reward.created", data: addReward(fakes, world) })),
    );
    const { integration: bare } = await createTestIntegration({ accountId: world.account.id });
    const unconnected = await postAdvocateWebhook(
      bare.id,
      await advocateWebhookRequest(fakes, { ...world, integration: bare }, { data: {} }),
    );
    const unknown = await postAdvocateWebhook("no_such_integration", await signed("{}"));

    expect(noEnvelope.status).toBe(400);
    expect(noEnvelope.body.error).toMatchObject({
      message: expect.stringMatching(/^not an Advocate webhook envelope \(id\)/),
    });
    expect(notJson).toEqual({ status: 400, body: { error: { code: "BAD_REQUEST", message: "the body is not JSON" } } });
    expect(otherTenant.status).toBe(400);
    expect(otherTenant.body.error).toMatchObject({
      message: `the event is for tenant test_someone_else, but this integration is connected to ${world.tenantAlias}`,
    });
    expect(unconnected).toEqual({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "no Advocate connection for this integration" } },
    });
    expect(unknown.status).toBe(404);
    expect(await eventsOf(world)).toEqual([]);
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const world = await createAdvocateWorld(fakes);
    const body = JSON.stringify({ padding: "x".repeat(1024 * 1024) });
    const response = await post(
      world,
      new Request(`${fakes.publicUrl}/api/webhooks/advocate/${world.integration.id}`, { method: "POST", body }),
    );
    expect(response.status).toBe(413);
  });
});
