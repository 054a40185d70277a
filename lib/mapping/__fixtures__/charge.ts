// Adapted from /work/shared/fixtures/stripe/openapi-fixtures3.charge.json (API version moved to the SDK's pinned one;
// typed against the `stripe` package so a renamed or missing field fails the type check).
import type Stripe from "stripe";

export const CHARGE: Stripe.Charge = {
  "amount": 100,
  "amount_captured": 100,
  "amount_refunded": 0,
  "application": null,
  "application_fee": null,
  "application_fee_amount": null,
  "balance_transaction": "txn_1PgaxNB7WZ01zgkWEV3TLf40",
  "billing_details": {
    "address": {
      "city": null,
      "country": null,
      "line1": null,
      "line2": null,
      "postal_code": null,
      "state": null
    },
    "email": null,
    "name": "Jenny Rosen",
    "phone": null,
    "tax_id": null
  },
  "calculated_statement_descriptor": null,
  "captured": true,
  "created": 1234567890,
  "currency": "usd",
  "customer": "cus_SsllV761J0q08n",
  "description": "My First Test Charge (created for API docs)",
  "disputed": false,
  "failure_balance_transaction": null,
  "failure_code": null,
  "failure_message": null,
  "fraud_details": {},
  "id": "ch_1PgafuB7WZ01zgkWXYmPNZs8",
  "livemode": false,
  "metadata": {},
  "object": "charge",
  "on_behalf_of": null,
  "outcome": {
    "advice_code": null,
    "network_advice_code": null,
    "network_decline_code": null,
    "network_status": null,
    "reason": null,
    "seller_message": null,
    "type": "type"
  },
  "paid": true,
  "payment_intent": "pi_3RxHxtGaouLfVOpU0wWwCk6Z",
  "payment_method": "card_1PgaftB7WZ01zgkWm3waTcFp",
  "payment_method_details": {
    "card": {
      "amount_authorized": null,
      "brand": "visa",
      "checks": {
        "address_line1_check": null,
        "address_postal_code_check": null,
        "cvc_check": "pass"
      },
      "country": "US",
      "exp_month": 8,
      "exp_year": 2030,
      "extended_authorization": {
        "status": "disabled"
      },
      "fingerprint": "AOB934RVNwzk6xtn",
      "funding": "credit",
      "incremental_authorization": {
        "status": "unavailable"
      },
      "installments": {
        "plan": {
          "count": null,
          "interval": null,
          "type": "fixed_count"
        }
      },
      "last4": "4242",
      "mandate": null,
      "multicapture": {
        "status": "unavailable"
      },
      "network": "visa",
      "network_token": {
        "used": false
      },
      "overcapture": {
        "maximum_amount_capturable": 100,
        "status": "unavailable"
      },
      "three_d_secure": {
        "authentication_flow": null,
        "electronic_commerce_indicator": null,
        "exemption_indicator": null,
        "result": null,
        "result_reason": null,
        "transaction_id": null,
        "version": null
      },
      "wallet": {
        "dynamic_last4": null,
        "type": "link"
      },
      "authorization_code": null,
      "regulated_status": null,
      "network_transaction_id": null,
      "transaction_link_id": null,
      "electronic_commerce_indicator": null
    },
    "type": "card"
  },
  "receipt_email": null,
  "receipt_number": null,
  "receipt_url": "https://example.com/redacted",
  "refunded": false,
  "review": null,
  "shipping": {},
  "source_transfer": null,
  "statement_descriptor": null,
  "statement_descriptor_suffix": null,
  "status": "succeeded",
  "transfer_data": null,
  "transfer_group": null,
  "source": null
};
