import { getObjectOfType, withExpand } from "@/testing/fakes/stripe/objects";
import { assertKnownParams } from "@/testing/fakes/stripe/params";
import type { StripeRoute } from "@/testing/fakes/stripe/route";
import type { StripeRouteName } from "@/testing/fakes/stripe/types";

/** Plain `GET /v1/<resource>/:id` routes over seeded objects, with generic `expand[]`. */
function retrieveRoute(name: StripeRouteName, resource: string, objectType: string, noun: string): StripeRoute {
  return {
    name,
    method: "GET",
    pattern: new RegExp(`^/v1/${resource}/(?<id>[^/]+)$`),
    handle(ctx) {
      assertKnownParams(ctx.params, ["expand"]);
      return withExpand(ctx, getObjectOfType(ctx, ctx.pathParams.id ?? "", objectType, noun));
    },
  };
}

export const retrieveObjectRoutes: StripeRoute[] = [
  retrieveRoute("charges.retrieve", "charges", "charge", "charge"),
  retrieveRoute("invoices.retrieve", "invoices", "invoice", "invoice"),
  retrieveRoute("disputes.retrieve", "disputes", "dispute", "dispute"),
  retrieveRoute("invoice_payments.retrieve", "invoice_payments", "invoice_payment", "invoice payment"),
  retrieveRoute("promotion_codes.retrieve", "promotion_codes", "promotion_code", "promotion code"),
  retrieveRoute("customers.retrieve", "customers", "customer", "customer"),
  retrieveRoute("subscriptions.retrieve", "subscriptions", "subscription", "subscription"),
  retrieveRoute("products.retrieve", "products", "product", "product"),
  retrieveRoute("prices.retrieve", "prices", "price", "price"),
];
