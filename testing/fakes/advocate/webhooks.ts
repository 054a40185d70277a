// Webhook delivery as Advocate does it: the envelope serialised once, signed over exactly those bytes,
// POSTed to every subscription of the tenant. Only an exact 200 counts as delivered at Advocate; the
// fake reports every answer and leaves retrying to the caller.
import { createHmac, randomUUID } from "node:crypto";
import type { SigningKeys } from "@/testing/fakes/advocate/signing-keys";
import type { FakeAdvocateState } from "@/testing/fakes/advocate/state";
import { requireTenant } from "@/testing/fakes/advocate/state";
import type {
  AdvocateSignatureStyle,
  AdvocateWebhookDelivery,
  FakeAdvocateWebhookInput,
} from "@/testing/fakes/advocate/types";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type SendWebhookOptions = {
  /** Only this subscription (default: every subscription of the tenant). */
  endpointUrl?: string;
  signatureStyle?: AdvocateSignatureStyle;
  timeoutMs?: number;
};

/** The envelope's exact bytes, as sent (exported so tests can sign a variant of them). */
export function webhookBody(tenantAlias: string, input: FakeAdvocateWebhookInput): string {
  return JSON.stringify({
    id: input.id ?? `evt_${randomUUID().replaceAll("-", "")}`,
    type: input.type,
    tenantAlias,
    live: !tenantAlias.startsWith("test_"),
    created: input.created ?? Date.now(),
    data: input.data,
  });
}

export async function sendWebhook(
  state: FakeAdvocateState,
  keys: SigningKeys,
  tenantAlias: string,
  input: FakeAdvocateWebhookInput,
  options: SendWebhookOptions = {},
): Promise<AdvocateWebhookDelivery[]> {
  const tenant = requireTenant(state, tenantAlias);
  const body = webhookBody(tenantAlias, input);
  const { id: eventId } = JSON.parse(body) as { id: string };
  const signature = await keys.sign(body, options.signatureStyle);
  const targets = tenant.subscriptions.filter(
    (subscription) => options.endpointUrl === undefined || subscription.endpointUrl === options.endpointUrl,
  );
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const deliveries = await Promise.all(
    targets.map(async (subscription): Promise<AdvocateWebhookDelivery> => {
      const started = Date.now();
      const base = {
        eventId,
        type: input.type,
        tenantAlias,
        endpointUrl: subscription.endpointUrl,
        body,
        signature,
        time: new Date(started).toISOString(),
      };
      try {
        const response = await fetch(subscription.endpointUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-hook-jws-rfc-7797": signature,
            // The older HMAC-SHA1 of the body keyed by the tenant's API key (the portal does not rely on it).
            "x-hook-signature": createHmac("sha1", tenant.apiKey).update(body).digest("base64"),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const responseBody = await response.text();
        return { ...base, status: response.status, responseBody, durationMs: Date.now() - started };
      } catch (error) {
        const cause = (error as Error).cause;
        const message = cause instanceof Error ? cause.message : (error as Error).message;
        return { ...base, status: null, responseBody: null, error: message, durationMs: Date.now() - started };
      }
    }),
  );
  state.deliveries.push(...deliveries);
  return deliveries;
}
