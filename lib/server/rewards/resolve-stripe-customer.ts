// Steps 2 and 3 of a credit try (SPEC §11): the participant's Stripe customer is whatever Advocate holds in
// customFields.stripeCustomerId; the customer must exist, not be deleted, and pay in the reward's currency
// (a credit in another currency is accepted by Stripe but never applied, so it fails closed).
import type Stripe from "stripe";
import type { AdvocateCredentials } from "@/lib/advocate/advocate-http";
import { type AdvocateUser, readAdvocateUser, stripeCustomerIdOf } from "@/lib/advocate/read-user";
import { advocateFailureDecision, stripeFailureDecision } from "@/lib/server/rewards/classify-reward-failures";
import type { RewardWork } from "@/lib/server/rewards/load-reward-work";
import type { RewardExchange } from "@/lib/server/rewards/reward-attempts";
import { type CreditDecision, settle } from "@/lib/server/rewards/reward-decisions";
import { retrieveCustomer } from "@/lib/stripe/customer-balance";

export type CustomerResolution =
  | { kind: "customer"; customerId: string; exchanges: RewardExchange[] }
  | { kind: "decided"; decision: CreditDecision; exchanges: RewardExchange[] };

/** "participant u_1 (jane@example.com) of account a_1": how a person finds them in Advocate. */
function participantOf(work: RewardWork, user?: AdvocateUser): string {
  const email = user?.email ? ` (${user.email})` : "";
  return `participant ${work.advocateUserId}${email} of account ${work.advocateAccountId}`;
}

function mappingReason(work: RewardWork, user: AdvocateUser): string {
  const value = user.customFields.stripeCustomerId;
  const who = participantOf(work, user);
  if (value === undefined || value === null || value === "") {
    return `${who} has no customFields.stripeCustomerId in Advocate: set it to their Stripe customer id (cus_…), then Try again`;
  }
  return `${who} has customFields.stripeCustomerId ${JSON.stringify(value).slice(0, 80)} in Advocate, which is not a Stripe customer id (cus_…): correct it, then Try again`;
}

export async function resolveStripeCustomer(
  work: RewardWork,
  credentials: AdvocateCredentials,
  stripe: Stripe,
): Promise<CustomerResolution> {
  const exchanges: RewardExchange[] = [];
  const decided = (decision: CreditDecision): CustomerResolution => ({ kind: "decided", decision, exchanges });

  const userStartedAt = new Date();
  const user = await readAdvocateUser(credentials, work.advocateAccountId, work.advocateUserId);
  exchanges.push({ step: "user-read", startedAt: userStartedAt, exchange: user.exchange });
  if (!user.ok) {
    if (user.failure.kind === "not_found") {
      return decided(settle(work, "needs_mapping", `${participantOf(work)} was not found in Advocate`));
    }
    return decided(advocateFailureDecision(work, user.failure, `reading ${participantOf(work)}`));
  }
  const customerId = stripeCustomerIdOf(user.value);
  if (!customerId) return decided(settle(work, "needs_mapping", mappingReason(work, user.value)));

  const customerStartedAt = new Date();
  const customer = await retrieveCustomer(stripe, customerId);
  exchanges.push({ step: "customer-read", startedAt: customerStartedAt, exchange: customer.exchange });
  const onCustomer = { stripeCustomerId: customerId };
  if (!customer.ok) {
    if (customer.failure.kind === "not_found") {
      return decided(
        settle(
          work,
          "failed",
          `Stripe has no customer ${customerId} in this integration's ${work.integration.mode} account (${participantOf(work, user.value)})`,
          onCustomer,
        ),
      );
    }
    return decided(stripeFailureDecision(work, customer.failure, `reading customer ${customerId}`));
  }
  if (customer.value.deleted) {
    return decided(settle(work, "failed", `Stripe customer ${customerId} is deleted`, onCustomer));
  }
  const paysIn = customer.value.currency;
  if (paysIn && paysIn.toLowerCase() !== work.currency) {
    return decided(
      settle(
        work,
        "failed",
        `customer pays in ${paysIn.toUpperCase()}, reward is ${work.currency.toUpperCase()}: Stripe would hold the credit but never apply it`,
        onCustomer,
      ),
    );
  }
  return { kind: "customer", customerId, exchanges };
}
