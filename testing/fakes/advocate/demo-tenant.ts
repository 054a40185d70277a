// The demo's Advocate tenant (`npm run demo`, SPEC §11): participants whose Stripe customers live in the
// demo Stripe account with matching currencies, and rewards that between them show every reward status —
// credited in USD and JPY, needs mapping (no stripeCustomerId), pending then credited, skipped (not credit).
// Advocate sends reward.created when a reward becomes available; the demo sends each one once the portal
// has subscribed, retrying briefly as Advocate would (hourly, compressed).
import { setTimeout as delay } from "node:timers/promises";
import type { FakeAdvocate, FakeAdvocateTenantInput } from "@/testing/fakes/fake-advocate";
import type { FakeStripe } from "@/testing/fakes/fake-stripe";
import { buildCustomer } from "@/testing/stripe/builders/customer";

export const DEMO_ADVOCATE = {
  tenantAlias: "test_demo_tenant",
  apiKey: "TEST_demo_advocate_key_00000000000000",
  customers: { usd: "cus_DemoAdvocateUsd0001", jpy: "cus_DemoAdvocateJpy0001" },
  /** How long after the portal subscribes the pending reward becomes available (and is sent). */
  pendingForMs: 90_000,
} as const;

export function demoAdvocateTenant(): FakeAdvocateTenantInput {
  const { usd, jpy } = DEMO_ADVOCATE.customers;
  return {
    alias: DEMO_ADVOCATE.tenantAlias,
    apiKey: DEMO_ADVOCATE.apiKey,
    users: [
      {
        id: "ada",
        accountId: "ada",
        email: "ada@example.test",
        firstName: "Ada",
        lastName: "Lovelace",
        customFields: { stripeCustomerId: usd },
      },
      {
        id: "kenji",
        accountId: "kenji",
        email: "kenji@example.test",
        firstName: "Kenji",
        lastName: "Sato",
        customFields: { stripeCustomerId: jpy },
      },
      // Not yet mapped to a Stripe customer: the portal shows "needs mapping" and Try again.
      {
        id: "cleo",
        accountId: "cleo",
        email: "cleo@example.test",
        firstName: "Cleo",
        lastName: "Park",
        customFields: {},
      },
    ],
    rewards: [
      {
        id: "rew_demo_usd_ada",
        accountId: "ada",
        userId: "ada",
        unit: "STRIPE/USD",
        assignedCredit: 2500,
        name: "Referral: $25 credit",
      },
      {
        id: "rew_demo_jpy_kenji",
        accountId: "kenji",
        userId: "kenji",
        unit: "STRIPE/JPY",
        assignedCredit: 1500,
        name: "Referral: ¥1,500 credit",
      },
      {
        id: "rew_demo_usd_cleo",
        accountId: "cleo",
        userId: "cleo",
        unit: "STRIPE/USD",
        assignedCredit: 1000,
        name: "Referral: $10 credit",
      },
      {
        id: "rew_demo_pending_ada",
        accountId: "ada",
        userId: "ada",
        unit: "STRIPE/USD",
        assignedCredit: 500,
        name: "Second referral: $5 credit",
      },
      { id: "rew_demo_discount_kenji", accountId: "kenji", userId: "kenji", type: "PCT_DISCOUNT", name: "10% off" },
    ],
  };
}

/** The Stripe customers the demo participants are mapped to, each with its invoices' currency. */
export function seedDemoAdvocateCustomers(stripe: FakeStripe, stripeAccount: string): void {
  stripe.seed(
    stripeAccount,
    buildCustomer(
      { id: DEMO_ADVOCATE.customers.usd, name: "Ada Lovelace", email: "ada@example.test" },
      { currency: "usd" },
    ),
    buildCustomer(
      { id: DEMO_ADVOCATE.customers.jpy, name: "Kenji Sato", email: "kenji@example.test" },
      { currency: "jpy" },
    ),
  );
}

export type DemoAdvocateTiming = { firstDelayMs: number; retryEveryMs: number; attempts: number };
const DEFAULT_TIMING: DemoAdvocateTiming = { firstDelayMs: 1_500, retryEveryMs: 5_000, attempts: 6 };

/**
 * Sends `reward.created` for every reward of the demo tenant to a newly registered subscription, after
 * `firstDelayMs` so the portal has stored its connection, and the pending one again once it is available.
 * A delivery not answered 200 is tried again, like Advocate does.
 */
export async function sendDemoRewards(
  advocate: FakeAdvocate,
  endpointUrl: string,
  options: { timing?: Partial<DemoAdvocateTiming>; pendingForMs?: number; log?: (message: string) => void } = {},
): Promise<void> {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const alias = DEMO_ADVOCATE.tenantAlias;
  const pending = advocate.reward(alias, "rew_demo_pending_ada");
  const availableAt = Date.now() + (options.pendingForMs ?? DEMO_ADVOCATE.pendingForMs);
  if (pending) advocate.setReward(alias, { ...pending, statuses: null, dateScheduledFor: availableAt });
  const send = async (rewardId: string) => {
    for (let attempt = 1; attempt <= timing.attempts; attempt++) {
      const reward = advocate.reward(alias, rewardId);
      if (!reward) return;
      const [delivery] = await advocate.sendWebhook(alias, { type: "reward.created", data: reward }, { endpointUrl });
      options.log?.(
        `advocate demo: reward.created ${rewardId} → ${delivery?.status ?? delivery?.error ?? "no subscription"}`,
      );
      if (!delivery || delivery.status === 200) return;
      await delay(timing.retryEveryMs);
    }
  };
  await delay(timing.firstDelayMs);
  const rewards = advocate.tenant(alias).rewards;
  // The pending reward is sent now too (whether Advocate fires early is unconfirmed: the portal must
  // re-check it) and again once it is available, as a second event for the same reward.
  await Promise.all([
    ...rewards.map((reward) => send(reward.id)),
    delay(Math.max(0, availableAt - Date.now())).then(() => send("rew_demo_pending_ada")),
  ]);
}
