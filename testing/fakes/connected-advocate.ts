// The world the reward tests start from: a brand's integration connected to the fake Stripe and impact.com
// (createConnectedIntegration), then to a tenant of the fake Advocate through the real connectAdvocate, and
// helpers to post a signed reward.created to the real route handler.
import { randomBytes } from "node:crypto";
import { POST } from "@/app/api/webhooks/advocate/[integrationId]/route";
import type { BrandPrincipal } from "@/lib/auth/principal";
import { connectAdvocate } from "@/lib/server/advocate/connect-advocate";
import { createConnectedIntegration } from "@/testing/fakes/connected-integration";
import { type FakeAdvocateRewardInput, webhookBody } from "@/testing/fakes/fake-advocate";
import type { Fakes } from "@/testing/fakes/use-fakes";

const unique = () => randomBytes(5).toString("hex");

export function brandPrincipalOf(account: { id: string; impactSid: string; companyName: string }): BrandPrincipal {
  return { role: "brand", accountId: account.id, impactSid: account.impactSid, companyName: account.companyName };
}

export type AdvocateWorldOptions = { rewardUnits?: string; customerId?: string | null };

/** A connected integration, a test tenant with one participant mapped to a Stripe customer (unless null). */
export async function createAdvocateWorld(fakes: Fakes, options: AdvocateWorldOptions = {}) {
  const world = await createConnectedIntegration(fakes);
  const tenantAlias = `test_${unique()}`;
  const apiKey = `TEST_${unique()}${unique()}`;
  const participant = { id: `user_${unique()}`, accountId: `acct_${unique()}`, email: "pat@example.com" };
  const customerId = options.customerId === undefined ? `cus_${unique()}` : options.customerId;
  fakes.advocate.addTenant({
    alias: tenantAlias,
    apiKey,
    users: [{ ...participant, customFields: customerId ? { stripeCustomerId: customerId } : {} }],
  });
  const principal = brandPrincipalOf(world.account);
  await connectAdvocate(principal, world.integration.id, {
    tenantAlias,
    apiKey,
    rewardUnits: options.rewardUnits ?? "STRIPE/*",
  });
  return { ...world, tenantAlias, apiKey, participant, customerId, principal };
}

export type AdvocateWorld = Awaited<ReturnType<typeof createAdvocateWorld>>;

/** A reward in the fake tenant (CREDIT, STRIPE/USD, 1000, available unless told otherwise). */
export function addReward(fakes: Fakes, world: AdvocateWorld, input: Partial<FakeAdvocateRewardInput> = {}) {
  return fakes.advocate.addReward(world.tenantAlias, {
    accountId: world.participant.accountId,
    userId: world.participant.id,
    ...input,
  });
}

/** The signed request Advocate would POST for `data` (a reward, or anything for other types). */
export async function advocateWebhookRequest(
  fakes: Fakes,
  world: { tenantAlias: string; integration: { id: string } },
  input: { type?: string; data: unknown; id?: string },
) {
  const body = webhookBody(world.tenantAlias, { type: input.type ?? "reward.created", data: input.data, id: input.id });
  return new Request(`${fakes.publicUrl}/api/webhooks/advocate/${world.integration.id}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-hook-jws-rfc-7797": await fakes.advocate.signBody(body) },
  });
}

/** Posts a request to the real route handler; the status and JSON body it answered. */
export async function postAdvocateWebhook(integrationId: string, request: Request) {
  const response = await POST(request, { params: Promise.resolve({ integrationId }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
