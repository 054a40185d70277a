// The fuzz drill's requests: invalid ones of many kinds (each must get a 4xx and store nothing), signed
// events whose envelope is fine but whose object is garbage (200 or 400, never 5xx), and valid controls
// with unicode and large fields (200, stored). Seeded, so a failing run can be replayed.

import { createSeededRandom } from "@/testing/fakes/shared/seeded-random";
import { stripeSignatureFor } from "@/testing/fakes/stripe/webhook-delivery";
import type { SeededIntegration } from "@/testing/harness/seed-integrations";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

/**
 * `upstream-decode`: a malformed percent-encoding in the URL. Next.js 16 fails decoding the route
 * parameter before the portal's handler runs and answers 500 (it means 400: base-server catches its own
 * DecodeError, not this URIError). Nothing reaches the portal's code; Stripe only calls the URL it was given.
 */
export type Expectation = "rejected" | "stored" | "not-5xx" | "upstream-decode";
export type FuzzRequest = {
  category: string;
  expect: Expectation;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  eventId?: string;
};

const UNICODE = ["é", "漢字", "🙂", "👩‍👩‍👧", "\u202eRTL", "\u200b", "e\u0301", "\ud800", "\u0000", "\uffff", "𝔘𝔫𝔦"];

export function fuzzRequests(count: number, integrations: SeededIntegration[], seed = 20261123): FuzzRequest[] {
  const random = createSeededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const text = (length: number) => Array.from({ length }, () => pick(UNICODE)).join("");
  let n = 0;
  const validEvent = (metadata: Record<string, string> = {}) => {
    const id = `evt_1Fz${seed.toString(36)}${(n++).toString(36).padStart(6, "0")}`;
    return buildEvent(
      "invoice.paid",
      buildPaidInvoice({ id: `in_1Fz${id.slice(7)}`, billingReason: "subscription_create", metadata }),
      { id },
    );
  };
  const request = (
    category: string,
    expect: Expectation,
    integration: SeededIntegration,
    body: string,
    signature?: string,
    eventId?: string,
  ): FuzzRequest => ({
    category,
    expect,
    method: "POST",
    path: `/api/webhooks/stripe/${integration.id}`,
    headers: {
      "content-type": "application/json",
      ...(signature === undefined ? {} : { "stripe-signature": signature }),
    },
    body,
    eventId,
  });
  const sign = (payload: string, integration: SeededIntegration, timestamp?: number) =>
    stripeSignatureFor(payload, integration.webhookSecret, timestamp);

  const makers: Array<[weight: number, make: (integration: SeededIntegration) => FuzzRequest]> = [
    [
      8,
      (i) => {
        const body = JSON.stringify(validEvent());
        return request(
          "bad signature",
          "rejected",
          i,
          body,
          `t=${Math.floor(Date.now() / 1000)},v1=${Buffer.from(Array.from({ length: 32 }, () => int(256))).toString("hex")}`,
        );
      },
    ],
    [
      6,
      (i) => {
        const body = JSON.stringify(validEvent());
        return request("wrong secret", "rejected", i, body, stripeSignatureFor(body, "whsec_wrong"));
      },
    ],
    [5, (i) => request("missing signature", "rejected", i, JSON.stringify(validEvent()))],
    [
      6,
      (i) =>
        request(
          "malformed signature header",
          "rejected",
          i,
          JSON.stringify(validEvent()),
          pick([
            "t=abc",
            "",
            "v1=",
            "t=1,v1=zz",
            "x".repeat(8000),
            "t=\u00ff\u00e9,v1=\u00e0",
            "t=99999999999999999999,v1=00",
          ]),
        ),
    ],
    [
      5,
      (i) => {
        const body = JSON.stringify(validEvent());
        return request(
          "stale timestamp",
          "rejected",
          i,
          body,
          sign(body, i, Math.floor(Date.now() / 1000) - 301 - int(100_000)),
        );
      },
    ],
    [
      8,
      (i) => {
        const body = JSON.stringify(validEvent());
        const signature = sign(body, i);
        const at = int(body.length);
        return request(
          "body changed after signing",
          "rejected",
          i,
          body.slice(0, at) + (body[at] === "1" ? "2" : "1") + body.slice(at + 1),
          signature,
        );
      },
    ],
    [
      8,
      (i) => {
        const body = JSON.stringify(validEvent()).slice(0, int(3000));
        return request("truncated JSON, signed", "rejected", i, body, sign(body, i));
      },
    ],
    [
      6,
      (i) => {
        const body = text(int(400));
        return request("garbage, signed", "rejected", i, body, sign(body, i));
      },
    ],
    [
      6,
      (i) => {
        const body = pick(["[]", "null", '"evt_1"', "1e309", "true", "{}", '{"id":null}']);
        return request("not an event object, signed", "rejected", i, body, sign(body, i));
      },
    ],
    [
      12,
      (i) => {
        const event = validEvent() as unknown as Record<string, unknown>;
        const [field, value] = pick<[string, unknown]>([
          ["id", 12345],
          ["id", ""],
          ["id", "x".repeat(300)],
          ["id", `evt_${"a".repeat(300)}`],
          ["id", "evt_ bad id"],
          ["object", "charge"],
          ["type", 123],
          ["type", ""],
          ["type", "t".repeat(300)],
          ["created", "now"],
          ["created", -1],
          ["created", 1.5],
          ["livemode", "yes"],
          ["data", null],
          ["data", { object: [] }],
          ["data", { object: "invoice" }],
          ["api_version", 5],
        ]);
        event[field] = value;
        const body = JSON.stringify(event);
        return request(`wrong type: ${field}`, "rejected", i, body, sign(body, i));
      },
    ],
    [
      10,
      (i) => {
        const event = validEvent() as unknown as {
          id: string;
          data: { object: Record<string, unknown> };
          created: number;
        };
        const [field, value] = pick<[string, unknown]>([
          ["amount_paid", "abc"],
          ["amount_paid", -5],
          ["amount_paid", 1e308],
          ["lines", null],
          ["billing_reason", 5],
          ["customer", { id: 7 }],
          ["currency", "🙂"],
          ["id", null],
          ["status_transitions", "paid"],
          ["parent", []],
          ["metadata", "x"],
          ["discounts", [{}]],
        ]);
        if (random() < 0.25) event.created = pick([2 ** 53 - 1, 1e13, 253_402_300_800]);
        else event.data.object[field] = value;
        const body = JSON.stringify(event);
        return request("valid envelope, garbage object, signed", "not-5xx", i, body, sign(body, i), event.id);
      },
    ],
    [
      4,
      (i) => {
        const event = validEvent({ note: `[${"[".repeat(20_000)}${"]".repeat(20_000)}]` });
        const body = JSON.stringify(event);
        return request("deep nesting inside metadata, signed", "not-5xx", i, body, sign(body, i), event.id);
      },
    ],
    [
      6,
      (i) => {
        const event = validEvent({
          note: text(50 + int(500)),
          emoji: "🙂".repeat(int(200)),
          big: "x".repeat(int(200_000)),
        });
        const body = JSON.stringify(event);
        return request("valid: unicode and large fields", "stored", i, body, sign(body, i), event.id);
      },
    ],
    [
      1,
      (i) => {
        const body = JSON.stringify(validEvent({ pad: "x".repeat(1024 * 1024) }));
        return request("over 1 MiB", "rejected", i, body, sign(body, i));
      },
    ],
    [
      5,
      (i) => ({
        ...request("unknown integration", "rejected", i, JSON.stringify(validEvent())),
        path: `/api/webhooks/stripe/${pick([encodeURIComponent(text(8).replace(/[\ud800-\udfff]/g, "")), "x".repeat(2000), "int_does_not_exist", "..%2F..%2Fetc", "%00"])}`,
      }),
    ],
    [
      1,
      (i) => ({
        ...request("malformed %-encoding in the URL (Next.js)", "upstream-decode", i, JSON.stringify(validEvent())),
        path: `/api/webhooks/stripe/${pick(["%E0%A4%A", "%ZZ", "%"])}`,
      }),
    ],
    [
      4,
      (i) => ({
        ...request("wrong method", "rejected", i, ""),
        method: pick(["GET", "PUT", "DELETE", "PATCH"]),
        body: undefined,
      }),
    ],
  ];
  const total = makers.reduce((sum, [weight]) => sum + weight, 0);
  return Array.from({ length: count }, () => {
    let draw = random() * total;
    const integration = pick(integrations);
    for (const [weight, make] of makers) {
      draw -= weight;
      if (draw < 0) return make(integration);
    }
    return makers[0]![1](integration);
  });
}
