// Adapted from /work/shared/fixtures/stripe/openapi-fixtures3.discount.json (API version moved to the SDK's pinned one;
// typed against the `stripe` package so a renamed or missing field fails the type check).
import type Stripe from "stripe";

export const DISCOUNT: Stripe.Discount = {
  "checkout_session": null,
  "customer": "cus_QXg1o8vcGmoR32",
  "end": 1234567890,
  "id": "di_1Pgc6rB7WZ01zgkW7Al8Fal9",
  "invoice": null,
  "invoice_item": null,
  "object": "discount",
  "promotion_code": null,
  "start": 1234567890,
  "subscription": null,
  "subscription_item": null,
  "source": {
    "coupon": null,
    "type": "coupon"
  },
  "customer_account": null
};
