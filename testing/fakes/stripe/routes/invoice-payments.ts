import { isJsonObject, type JsonObject, type JsonValue } from "@/testing/fakes/shared/json";
import type { ParamObject, ParamValue } from "@/testing/fakes/shared/nested-params";
import { invalidRequest, missingParam } from "@/testing/fakes/stripe/errors";
import { newestFirst, paginate } from "@/testing/fakes/stripe/list";
import { withExpand } from "@/testing/fakes/stripe/objects";
import { assertKnownParams, inRange, optionalString, readRangeFilter } from "@/testing/fakes/stripe/params";
import type { StripeRoute } from "@/testing/fakes/stripe/route";

const PAYMENT_TYPES = ["payment_intent", "payment_record"];

// GET /v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]=pi_… — how a refund finds its invoice.
export const invoicePaymentRoutes: StripeRoute[] = [
  {
    name: "invoice_payments.list",
    method: "GET",
    pattern: /^\/v1\/invoice_payments$/,
    handle(ctx) {
      const { params } = ctx;
      assertKnownParams(params, [
        "created",
        "ending_before",
        "expand",
        "invoice",
        "limit",
        "payment",
        "starting_after",
        "status",
      ]);
      const invoice = optionalString(params, "invoice");
      const status = optionalString(params, "status");
      const created = readRangeFilter(params, "created");
      const payment = readPaymentFilter(params.payment);
      const items = [...ctx.account.objects.values()].filter(
        (item) =>
          item.object === "invoice_payment" &&
          Boolean(item.livemode) === ctx.livemode &&
          (invoice === undefined || idOf(item.invoice) === invoice) &&
          (status === undefined || item.status === status) &&
          inRange(Number(item.created ?? 0), created) &&
          matchesPayment(item, payment),
      );
      return withExpand(ctx, paginate(newestFirst(items), params, "/v1/invoice_payments"));
    },
  },
];

interface PaymentFilter {
  type: string;
  payment_intent?: string;
  payment_record?: string;
}

function readPaymentFilter(value: ParamValue | undefined): PaymentFilter | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" || Array.isArray(value)) {
    throw invalidRequest("Invalid object", { param: "payment", code: "parameter_invalid_object" });
  }
  const payment: ParamObject = value;
  assertKnownParams(payment, ["type", "payment_intent", "payment_record"]);
  const type = payment.type;
  if (typeof type !== "string" || type === "") throw missingParam("payment[type]");
  if (!PAYMENT_TYPES.includes(type)) {
    throw invalidRequest(`Invalid payment[type]: must be one of ${PAYMENT_TYPES.join(" or ")}`, {
      param: "payment[type]",
    });
  }
  const filter: PaymentFilter = { type };
  for (const field of ["payment_intent", "payment_record"] as const) {
    const id = payment[field];
    if (id === undefined) continue;
    if (typeof id !== "string") throw invalidRequest("Invalid string", { param: `payment[${field}]` });
    filter[field] = id;
  }
  return filter;
}

function matchesPayment(item: JsonObject, filter: PaymentFilter | undefined): boolean {
  if (!filter) return true;
  const payment = item.payment;
  if (!isJsonObject(payment) || payment.type !== filter.type) return false;
  if (filter.payment_intent !== undefined && idOf(payment.payment_intent) !== filter.payment_intent) return false;
  if (filter.payment_record !== undefined && idOf(payment.payment_record) !== filter.payment_record) return false;
  return true;
}

/** A reference may be stored as an id or as an expanded object. */
export function idOf(value: JsonValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (isJsonObject(value) && typeof value.id === "string") return value.id;
  return undefined;
}
