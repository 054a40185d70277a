// Adapted from /work/shared/fixtures/stripe/openapi-fixtures3.item.json (API version moved to the SDK's pinned one;
// typed against the `stripe` package so a renamed or missing field fails the type check).
import type Stripe from "stripe";

export const LINE_ITEM: Stripe.LineItem = {
  "amount_discount": 0,
  "amount_subtotal": 4900,
  "amount_tax": 0,
  "amount_total": 4900,
  "currency": "usd",
  "description": "Lifetime licence",
  "id": "li_1Pgc73B7WZ01zgkWx8kcmZPK",
  "object": "item",
  "price": {
    "active": true,
    "billing_scheme": "per_unit",
    "created": 1721948530,
    "currency": "usd",
    "custom_unit_amount": {
      "maximum": null,
      "minimum": null,
      "preset": null
    },
    "id": "price_1PgafmB7WZ01zgkW02Hf9z6c",
    "livemode": false,
    "lookup_key": null,
    "metadata": {},
    "nickname": null,
    "object": "price",
    "product": "prod_QXg1hqf4jFNsqG",
    "recurring": null,
    "tax_behavior": "unspecified",
    "tiers_mode": null,
    "transform_quantity": {
      "divide_by": 1592560163,
      "round": "down"
    },
    "type": "one_time",
    "unit_amount": 4900,
    "unit_amount_decimal": "4900" as unknown as Stripe.Decimal
  },
  "quantity": 1,
  "metadata": null,
  "adjustable_quantity": {
    "enabled": true,
    "maximum": null,
    "minimum": null
  }
};
