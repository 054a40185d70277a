import { randomBytes } from "node:crypto";
import type {
  AdvocateFailureAction,
  AdvocateWebhookDelivery,
  FakeAdvocateReward,
  FakeAdvocateRewardInput,
  FakeAdvocateSubscription,
  FakeAdvocateTenantInfo,
  FakeAdvocateTenantInput,
  FakeAdvocateUser,
  FakeAdvocateUserInput,
  RecordedAdvocateRequest,
} from "@/testing/fakes/advocate/types";
import { FailurePlan } from "@/testing/fakes/shared/failure-rules";

export type FakeAdvocateTenant = {
  alias: string;
  apiKey: string;
  /** Keyed `${accountId}/${userId}`: Advocate users live inside accounts. */
  users: Map<string, FakeAdvocateUser>;
  rewards: Map<string, FakeAdvocateReward>;
  subscriptions: FakeAdvocateSubscription[];
};

export type FakeAdvocateState = {
  tenants: Map<string, FakeAdvocateTenant>;
  requests: RecordedAdvocateRequest[];
  deliveries: AdvocateWebhookDelivery[];
  failures: FailurePlan<AdvocateFailureAction>;
  counters: { request: number };
};

export function createAdvocateState(): FakeAdvocateState {
  return {
    tenants: new Map(),
    requests: [],
    deliveries: [],
    failures: new FailurePlan<AdvocateFailureAction>(),
    counters: { request: 0 },
  };
}

export function clearAdvocateState(state: FakeAdvocateState): void {
  state.tenants.clear();
  state.requests.length = 0;
  state.deliveries.length = 0;
  state.failures.clear();
}

const userKey = (accountId: string, userId: string) => `${accountId}/${userId}`;

export function requireTenant(state: FakeAdvocateState, alias: string): FakeAdvocateTenant {
  const tenant = state.tenants.get(alias);
  if (!tenant) throw new Error(`no fake Advocate tenant ${JSON.stringify(alias)}`);
  return tenant;
}

/** Adds or replaces a tenant with its users and rewards (its subscriptions are kept when replacing). */
export function putTenant(state: FakeAdvocateState, input: FakeAdvocateTenantInput): FakeAdvocateTenant {
  if (typeof input.alias !== "string" || !/^[A-Za-z0-9_-]+$/.test(input.alias)) {
    throw new Error("alias must be a non-empty string of letters, digits, _ or -");
  }
  if (typeof input.apiKey !== "string" || input.apiKey === "") throw new Error("apiKey must be a non-empty string");
  const tenant: FakeAdvocateTenant = {
    alias: input.alias,
    apiKey: input.apiKey,
    users: new Map(),
    rewards: new Map(),
    subscriptions: state.tenants.get(input.alias)?.subscriptions ?? [],
  };
  state.tenants.set(input.alias, tenant);
  for (const user of input.users ?? []) putUser(tenant, user);
  for (const reward of input.rewards ?? []) putReward(tenant, reward);
  return tenant;
}

export function putUser(tenant: FakeAdvocateTenant, input: FakeAdvocateUserInput): FakeAdvocateUser {
  if (!input.id || !input.accountId) throw new Error("a user needs id and accountId");
  const user: FakeAdvocateUser = {
    id: input.id,
    accountId: input.accountId,
    email: input.email ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    customFields: structuredClone(input.customFields ?? {}),
  };
  tenant.users.set(userKey(user.accountId, user.id), user);
  return user;
}

export function findUser(tenant: FakeAdvocateTenant, accountId: string, userId: string): FakeAdvocateUser | undefined {
  return tenant.users.get(userKey(accountId, userId));
}

/** Adds a reward, or replaces the one with the same id (fields not given keep the defaults, not the old values). */
export function putReward(tenant: FakeAdvocateTenant, input: FakeAdvocateRewardInput): FakeAdvocateReward {
  if (!input.accountId || !input.userId) throw new Error("a reward needs accountId and userId");
  const now = Date.now();
  const type = input.type ?? "CREDIT";
  const isCredit = type === "CREDIT";
  const reward: FakeAdvocateReward = {
    id: input.id ?? `rew_${randomBytes(8).toString("hex")}`,
    type,
    unit: input.unit ?? (isCredit ? "STRIPE/USD" : null),
    assignedCredit: input.assignedCredit ?? (isCredit ? 1000 : null),
    redeemedCredit: input.redeemedCredit ?? (isCredit ? 0 : null),
    currency: input.currency ?? (isCredit ? currencyOfUnit(input.unit ?? "STRIPE/USD") : null),
    accountId: input.accountId,
    userId: input.userId,
    dateCreated: input.dateCreated ?? now,
    dateGiven: input.dateGiven === undefined ? now : input.dateGiven,
    dateScheduledFor: input.dateScheduledFor ?? null,
    dateExpires: input.dateExpires ?? null,
    dateCancelled: input.dateCancelled ?? null,
    statuses: input.statuses ?? null,
    name: input.name ?? null,
    programId: input.programId ?? null,
    cancellable: input.cancellable ?? true,
    rewardSource: input.rewardSource ?? "FRIEND_SIGNUP",
    redemptions: structuredClone(input.redemptions ?? []),
  };
  tenant.rewards.set(reward.id, reward);
  return reward;
}

/** `STRIPE/JPY` → `JPY`; a unit without a currency part has none. */
export function currencyOfUnit(unit: string): string | null {
  const match = /^[A-Z]+\/([A-Z]{3})$/.exec(unit);
  return match?.[1] ?? null;
}

/** The reward as Advocate answers it: `statuses` derived from the dates and credits unless forced. */
export function rewardView(reward: FakeAdvocateReward, nowMs = Date.now()): FakeAdvocateReward {
  return { ...structuredClone(reward), statuses: reward.statuses ?? deriveStatuses(reward, nowMs) };
}

function deriveStatuses(reward: FakeAdvocateReward, nowMs: number): string[] {
  if (reward.dateCancelled !== null) return ["CANCELLED"];
  if (reward.dateExpires !== null && reward.dateExpires <= nowMs) return ["EXPIRED"];
  if (reward.dateGiven === null || (reward.dateScheduledFor !== null && reward.dateScheduledFor > nowMs)) {
    return ["PENDING"];
  }
  const assigned = reward.assignedCredit ?? 0;
  const redeemed = reward.redeemedCredit ?? 0;
  if (assigned > 0 && redeemed >= assigned) return ["REDEEMED"];
  return redeemed > 0 ? ["AVAILABLE", "REDEEMED"] : ["AVAILABLE"];
}

export function tenantInfo(tenant: FakeAdvocateTenant): FakeAdvocateTenantInfo {
  return {
    alias: tenant.alias,
    apiKey: tenant.apiKey,
    users: [...tenant.users.values()].map((user) => structuredClone(user)),
    rewards: [...tenant.rewards.values()].map((reward) => rewardView(reward)),
    subscriptions: tenant.subscriptions.map((subscription) => ({ ...subscription })),
  };
}
