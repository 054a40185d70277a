import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import {
  mayReachPrivateAddresses,
  publicOnlyLookup,
  refusedAddressKind,
  webhookHostOf,
} from "@/lib/server/alerts/webhook-address-policy";
import type { ChannelResult } from "@/lib/views/alert-view";

/** A chat webhook answers in well under a second; a stuck one must not hold the dispatcher. */
const WEBHOOK_TIMEOUT_MS = 10_000;

const failed = (reason: string): ChannelResult => ({ status: "failed", reason });

/**
 * POSTs `{"text": …}` (what Slack, Mattermost and Teams' incoming webhooks accept) to the account's webhook
 * URL (SPEC §12). Redirects are not followed (a 3xx is a failure: it could point anywhere, including
 * inside the network), outside development every address the connection uses must be public (checked
 * in the lookup itself, so DNS rebinding after the save is refused), and the whole exchange is bounded by
 * a timeout. Never throws; the URL (whose path may be a secret) is never part of the reason.
 */
export function sendAlertWebhook(
  urlText: string,
  text: string,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<ChannelResult> {
  if (!URL.canParse(urlText)) return Promise.resolve(failed("the webhook URL is not a valid address"));
  const url = new URL(urlText);
  const mayReachPrivate = mayReachPrivateAddresses();
  const isHttp = url.protocol === "http:";
  if (url.protocol !== "https:" && !(isHttp && mayReachPrivate)) {
    return Promise.resolve(failed("the webhook URL must start with https://"));
  }
  const host = webhookHostOf(url);
  const literalKind = isIP(host) && !mayReachPrivate ? refusedAddressKind(host) : null;
  if (literalKind)
    return Promise.resolve(failed(`${host} is ${literalKind}: alerts are only posted to public addresses.`));

  const body = JSON.stringify({ text });
  return new Promise((resolve) => {
    const request = (isHttp ? httpRequest : httpsRequest)(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "payments-integration-portal (alerts)",
        },
        lookup: mayReachPrivate ? undefined : publicOnlyLookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume(); // the answer's body is of no use; drain it so the socket closes
        if (status >= 200 && status < 300) resolve({ status: "sent" });
        else if (status >= 300 && status < 400)
          resolve(failed(`the webhook answered ${status} (redirects are not followed)`));
        else resolve(failed(`the webhook answered ${status}`));
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.name === "TimeoutError" || error.name === "AbortError"
          ? `the webhook did not answer within ${timeoutMs / 1000} s`
          : error.code === "EREFUSEDADDRESS"
            ? error.message
            : `the webhook could not be reached (${error.code ?? error.message})`;
      resolve(failed(reason));
    });
    request.end(body);
  });
}
