// Adapted from /work/shared/fixtures/stripe/openapi-fixtures3.promotion_code.json (API version moved to the SDK's pinned one;
// typed against the `stripe` package so a renamed or missing field fails the type check).
import type Stripe from "stripe";

export const PROMOTION_CODE: Stripe.PromotionCode = {
  "active": false,
  "code": "FALL20",
  "created": 1234567890,
  "customer": null,
  "expires_at": 1234567890,
  "id": "promo_1Pgc79B7WZ01zgkWNy4mn5NX",
  "livemode": false,
  "max_redemptions": null,
  "metadata": {},
  "object": "promotion_code",
  "restrictions": {
    "first_time_transaction": false,
    "minimum_amount": null,
    "minimum_amount_currency": null
  },
  "times_redeemed": 0,
  "promotion": {
    "coupon": null,
    "type": "coupon"
  },
  "customer_account": null
};
