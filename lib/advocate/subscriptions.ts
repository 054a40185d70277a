// Advocate's webhook subscriptions (SPEC §11): the key is proven by listing them, the portal registers one
// per connection and removes it on disconnect. Advocate has no event-type filter, so intake filters on `type`.
import { z } from "zod";
import { type AdvocateCredentials, type AdvocateResult, advocateRequest } from "@/lib/advocate/advocate-http";

export const AdvocateWebhookSubscriptionSchema = z
  .object({
    endpointUrl: z.string({ message: "a subscription has an endpointUrl" }).min(1, "a subscription has an endpointUrl"),
    name: z.string().nullish(),
  })
  .loose();
export type AdvocateWebhookSubscription = z.infer<typeof AdvocateWebhookSubscriptionSchema>;

// The list is documented as an array; an envelope (`{subscriptions: [...]}`/`{data: [...]}`) is read too
// rather than failing a connect over a wrapper.
const SubscriptionListSchema = z.union([
  z.array(AdvocateWebhookSubscriptionSchema),
  z.object({ subscriptions: z.array(AdvocateWebhookSubscriptionSchema) }).transform((list) => list.subscriptions),
  z.object({ data: z.array(AdvocateWebhookSubscriptionSchema) }).transform((list) => list.data),
]);

/** `GET /subscription`; a 401 here is how a connect learns the key is wrong. */
export function listWebhookSubscriptions(
  credentials: AdvocateCredentials,
): Promise<AdvocateResult<AdvocateWebhookSubscription[]>> {
  return advocateRequest(credentials, { method: "GET", path: "/subscription", schema: SubscriptionListSchema });
}

/**
 * `POST /subscription {endpointUrl, name}`. Advocate documents a bare 201 for it, so an empty answer is
 * success and the subscription is the one asked for; a body, when sent, is read instead.
 */
export async function createWebhookSubscription(
  credentials: AdvocateCredentials,
  input: { endpointUrl: string; name: string },
): Promise<AdvocateResult<AdvocateWebhookSubscription>> {
  const requested = { endpointUrl: input.endpointUrl, name: input.name };
  return advocateRequest(credentials, {
    method: "POST",
    path: "/subscription",
    body: requested,
    schema: AdvocateWebhookSubscriptionSchema.optional().transform((created) => created ?? requested),
  });
}

/**
 * `DELETE /subscription/{urlencoded endpointUrl}` (204). A 404 comes back as failure `not_found`: the
 * caller disconnecting treats it as already gone.
 */
export function deleteWebhookSubscription(
  credentials: AdvocateCredentials,
  endpointUrl: string,
): Promise<AdvocateResult<null>> {
  return advocateRequest(credentials, {
    method: "DELETE",
    path: `/subscription/${encodeURIComponent(endpointUrl)}`,
    schema: z.unknown().transform(() => null),
  });
}
