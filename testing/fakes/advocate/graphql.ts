// Just enough of Advocate's GraphQL for `reward(id)`: the selection set is honoured field by field and
// anything else is answered the GraphQL way — 200 with `errors` — so a client reading only `data` notices.
import { type FakeAdvocateTenant, rewardView } from "@/testing/fakes/advocate/state";
import type { FakeAdvocateReward } from "@/testing/fakes/advocate/types";

const REWARD_FIELDS = new Set<keyof FakeAdvocateReward>([
  "id",
  "type",
  "unit",
  "assignedCredit",
  "redeemedCredit",
  "currency",
  "accountId",
  "userId",
  "dateCreated",
  "dateGiven",
  "dateScheduledFor",
  "dateExpires",
  "dateCancelled",
  "statuses",
  "name",
  "programId",
  "cancellable",
  "rewardSource",
]);

const REWARD_QUERY =
  /\breward\s*\(\s*id\s*:\s*(?:\$(?<variable>\w+)|"(?<literal>[^"]*)")\s*\)\s*\{(?<selection>[^{}]*)\}/;

type GraphqlAnswer = { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> };

export function answerGraphql(tenant: FakeAdvocateTenant, body: unknown): GraphqlAnswer {
  const request = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof request.query !== "string") return { errors: [{ message: "Must provide query string." }] };
  const match = REWARD_QUERY.exec(request.query);
  if (!match?.groups) return { errors: [{ message: "The fake Advocate answers only reward(id) queries" }] };
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  const id = match.groups.variable === undefined ? match.groups.literal : variables[match.groups.variable];
  if (typeof id !== "string") {
    return { errors: [{ message: `Variable "$${match.groups.variable}" of required type "ID!" was not provided.` }] };
  }
  const fields = (match.groups.selection ?? "").split(/[\s,]+/).filter(Boolean);
  const unknown = fields.find((field) => !REWARD_FIELDS.has(field as keyof FakeAdvocateReward));
  if (unknown) return { errors: [{ message: `Cannot query field "${unknown}" on type "Reward".` }] };
  const reward = tenant.rewards.get(id);
  if (!reward) return { data: { reward: null } };
  const view = rewardView(reward);
  return {
    data: { reward: Object.fromEntries(fields.map((field) => [field, view[field as keyof FakeAdvocateReward]])) },
  };
}
