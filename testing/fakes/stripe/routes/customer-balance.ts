// A customer's balance transactions (SPEC §11's credits): a negative amount is a credit the next invoice
// uses. Stored with the account's objects (`customer_balance_transaction`), so seeding, expand and the
// dispatcher's idempotency replay and failure injection work for them as for everything else.
import type { JsonObject } from "@/testing/fakes/shared/json";
import { invalidRequest, missingParam, noSuchObject } from "@/testing/fakes/stripe/errors";
import { stripeId } from "@/testing/fakes/stripe/ids";
import { newestFirst, paginate } from "@/testing/fakes/stripe/list";
import { getObjectOfType, withExpand } from "@/testing/fakes/stripe/objects";
import {
  assertKnownParams,
  mergeMetadata,
  optionalInteger,
  optionalString,
  readMetadata,
} from "@/testing/fakes/stripe/params";
import type { StripeRoute, StripeRouteContext } from "@/testing/fakes/stripe/route";

const OBJECT = "customer_balance_transaction";
const PATH = /^\/v1\/customers\/(?<customer>[^/]+)\/balance_transactions$/;

/** The customer, refusing a deleted one as Stripe does (it no longer takes balance changes). */
function liveCustomer(ctx: StripeRouteContext): JsonObject {
  const id = ctx.pathParams.customer ?? "";
  const customer = getObjectOfType(ctx, id, "customer", "customer");
  if (customer.deleted === true) throw noSuchObject("customer", id);
  return customer;
}

function createBalanceTransaction(ctx: StripeRouteContext): JsonObject {
  const { params } = ctx;
  assertKnownParams(params, ["amount", "currency", "description", "metadata", "expand"]);
  const customer = liveCustomer(ctx);
  const amount = optionalInteger(params, "amount");
  if (amount === undefined) throw missingParam("amount");
  if (amount === 0) throw invalidRequest("The amount must not be zero.", { param: "amount" });
  const currency = optionalString(params, "currency")?.toLowerCase();
  if (!currency) throw missingParam("currency");
  if (!/^[a-z]{3}$/.test(currency)) throw invalidRequest(`Invalid currency: ${currency}.`, { param: "currency" });
  const description = optionalString(params, "description") ?? null;
  if (description !== null && description.length > 350) {
    throw invalidRequest("Description must be at most 350 characters.", { param: "description" });
  }
  const metadata = mergeMetadata({}, readMetadata(params));

  // A customer without a currency takes the first balance transaction's; a balance in another currency is
  // kept apart (invoice_credit_balance), as Stripe does, and never reaches the customer's invoices.
  const customerCurrency = typeof customer.currency === "string" ? customer.currency : null;
  let endingBalance: number;
  if (customerCurrency === null || customerCurrency === currency) {
    endingBalance = Number(customer.balance ?? 0) + amount;
    customer.currency = currency;
    customer.balance = endingBalance;
  } else {
    const credits = { ...((customer.invoice_credit_balance as Record<string, number> | undefined) ?? {}) };
    endingBalance = (credits[currency] ?? 0) + amount;
    credits[currency] = endingBalance;
    customer.invoice_credit_balance = credits;
  }
  const transaction: JsonObject = {
    id: stripeId("cbtxn"),
    object: OBJECT,
    amount,
    checkout_session: null,
    created: Math.floor(Date.now() / 1000),
    credit_note: null,
    currency,
    customer: String(customer.id),
    customer_account: null,
    description,
    ending_balance: endingBalance,
    invoice: null,
    livemode: ctx.livemode,
    metadata,
    type: "adjustment",
  };
  ctx.account.objects.set(String(transaction.id), transaction);
  return withExpand(ctx, transaction);
}

export const customerBalanceRoutes: StripeRoute[] = [
  {
    name: "customers.balance_transactions.list",
    method: "GET",
    pattern: PATH,
    handle(ctx) {
      assertKnownParams(ctx.params, ["limit", "starting_after", "ending_before", "expand", "created", "invoice"]);
      const customerId = String(liveCustomer(ctx).id);
      const items = newestFirst(
        [...ctx.account.objects.values()].filter(
          (object) => object.object === OBJECT && object.customer === customerId && object.livemode === ctx.livemode,
        ),
      );
      const page = paginate(items, ctx.params, `/v1/customers/${customerId}/balance_transactions`);
      return { ...page, data: page.data.map((item) => withExpand(ctx, item)) };
    },
  },
  {
    name: "customers.balance_transactions.create",
    method: "POST",
    pattern: PATH,
    handle: createBalanceTransaction,
  },
  {
    name: "customers.balance_transactions.retrieve",
    method: "GET",
    pattern: /^\/v1\/customers\/(?<customer>[^/]+)\/balance_transactions\/(?<id>[^/]+)$/,
    handle(ctx) {
      assertKnownParams(ctx.params, ["expand"]);
      const customerId = String(liveCustomer(ctx).id);
      const id = ctx.pathParams.id ?? "";
      const transaction = getObjectOfType(ctx, id, OBJECT, "customer balance transaction");
      if (transaction.customer !== customerId) throw noSuchObject("customer balance transaction", id);
      return withExpand(ctx, transaction);
    },
  },
];
