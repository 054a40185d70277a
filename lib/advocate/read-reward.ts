// Re-reads a reward before crediting it (SPEC §11): a webhook may be stale or early, Advocate's GraphQL
// `reward(id)` is the truth about its amount, unit and whether it is available yet.
import { z } from "zod";
import { type AdvocateCredentials, type AdvocateResult, advocateRequest } from "@/lib/advocate/advocate-http";
import { type AdvocateReward, AdvocateRewardSchema } from "@/lib/advocate/reward-schema";

export type { AdvocateReward } from "@/lib/advocate/reward-schema";

export const REWARD_QUERY = `query PortalReward($id: ID!) {
  reward(id: $id) {
    id type unit assignedCredit redeemedCredit currency accountId userId
    dateCreated dateGiven dateScheduledFor dateExpires dateCancelled statuses name programId
  }
}`;

const GraphqlRewardAnswerSchema = z.object({
  data: z.object({ reward: AdvocateRewardSchema.nullable() }).nullish(),
  errors: z.array(z.object({ message: z.string() }).loose()).nullish(),
});

/**
 * The reward as Advocate has it now. A `null` reward is failure `not_found`; GraphQL errors without a
 * reward are failure `client` with the first error's message.
 */
export async function readReward(
  credentials: AdvocateCredentials,
  rewardId: string,
): Promise<AdvocateResult<AdvocateReward>> {
  const result = await advocateRequest(credentials, {
    method: "POST",
    path: "/graphql",
    body: { query: REWARD_QUERY, variables: { id: rewardId } },
    schema: GraphqlRewardAnswerSchema,
  });
  if (!result.ok) return result;
  const { exchange } = result;
  const reward = result.value.data?.reward;
  if (reward) return { ok: true, value: reward, exchange };
  const firstError = result.value.errors?.[0]?.message;
  if (firstError) {
    return { ok: false, failure: { kind: "client", status: exchange.responseStatus, message: firstError }, exchange };
  }
  return {
    ok: false,
    failure: {
      kind: "not_found",
      status: exchange.responseStatus,
      message: `reward ${rewardId} not found in Advocate`,
    },
    exchange,
  };
}
