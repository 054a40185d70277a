import { isJsonObject, type JsonObject } from "@/testing/fakes/shared/json";
import { invalidRequest } from "@/testing/fakes/stripe/errors";
import { newestFirst, paginate } from "@/testing/fakes/stripe/list";
import { withExpand } from "@/testing/fakes/stripe/objects";
import { assertKnownParams, inRange, optionalString, readRangeFilter } from "@/testing/fakes/stripe/params";
import type { StripeRoute } from "@/testing/fakes/stripe/route";
import { idOf } from "@/testing/fakes/stripe/routes/invoice-payments";

const STATUSES = ["draft", "open", "paid", "uncollectible", "void"];
const COLLECTION_METHODS = ["charge_automatically", "send_invoice"];

// GET /v1/invoices?subscription=sub_…&status=paid — a subscription's invoices, newest first, for the first-paid-invoice rule.
export const invoiceRoutes: StripeRoute[] = [
  {
    name: "invoices.list",
    method: "GET",
    pattern: /^\/v1\/invoices$/,
    handle(ctx) {
      const { params } = ctx;
      assertKnownParams(params, [
        "collection_method",
        "created",
        "customer",
        "customer_account",
        "due_date",
        "ending_before",
        "expand",
        "limit",
        "starting_after",
        "status",
        "subscription",
      ]);
      const status = oneOf(optionalString(params, "status"), STATUSES, "status");
      const collectionMethod = oneOf(
        optionalString(params, "collection_method"),
        COLLECTION_METHODS,
        "collection_method",
      );
      const customer = optionalString(params, "customer");
      const customerAccount = optionalString(params, "customer_account");
      const subscription = optionalString(params, "subscription");
      const created = readRangeFilter(params, "created");
      const dueDate = readRangeFilter(params, "due_date");
      const items = [...ctx.account.objects.values()].filter(
        (item) =>
          item.object === "invoice" &&
          Boolean(item.livemode) === ctx.livemode &&
          (status === undefined || item.status === status) &&
          (collectionMethod === undefined || item.collection_method === collectionMethod) &&
          (customer === undefined || idOf(item.customer) === customer) &&
          (customerAccount === undefined || item.customer_account === customerAccount) &&
          (subscription === undefined || subscriptionOf(item) === subscription) &&
          inRange(Number(item.created ?? 0), created) &&
          (dueDate === undefined || (typeof item.due_date === "number" && inRange(item.due_date, dueDate))),
      );
      return withExpand(ctx, paginate(newestFirst(items), params, "/v1/invoices"));
    },
  },
];

/** Since 2025-03-31 an invoice names its subscription only under `parent.subscription_details`. */
export function subscriptionOf(invoice: JsonObject): string | undefined {
  const parent = invoice.parent;
  if (!isJsonObject(parent) || !isJsonObject(parent.subscription_details)) return undefined;
  return idOf(parent.subscription_details.subscription);
}

function oneOf(value: string | undefined, allowed: string[], param: string): string | undefined {
  if (value !== undefined && !allowed.includes(value)) {
    throw invalidRequest(`Invalid ${param}: must be one of ${allowed.join(", ")}`, { param });
  }
  return value;
}
