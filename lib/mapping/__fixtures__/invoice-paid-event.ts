// Adapted from /work/shared/fixtures/stripe/invoice.paid.subscription_create.2025-07-30.basil.json (API version moved to the SDK's pinned one;
// typed against the `stripe` package so a renamed or missing field fails the type check).
import type Stripe from "stripe";

export const INVOICE_PAID_EVENT: Stripe.InvoicePaidEvent = {
  "id": "evt_1RxHxuGaouLfVOpUB8u0OmV4",
  "object": "event",
  "api_version": "2026-10-28.endive",
  "created": 1755480864,
  "data": {
    "object": {
      "id": "in_1RxHxSGaouLfVOpUyWFwGR1y",
      "object": "invoice",
      "account_country": "HK",
      "account_name": "Example Store",
      "account_tax_ids": null,
      "amount_due": 19200,
      "amount_overpaid": 0,
      "amount_paid": 19200,
      "amount_remaining": 0,
      "amount_shipping": 0,
      "application": null,
      "attempt_count": 0,
      "attempted": true,
      "auto_advance": false,
      "automatic_tax": {
        "disabled_reason": null,
        "enabled": false,
        "liability": null,
        "provider": null,
        "status": null
      },
      "automatically_finalizes_at": null,
      "billing_reason": "subscription_create",
      "collection_method": "charge_automatically",
      "created": 1755480838,
      "currency": "usd",
      "custom_fields": null,
      "customer": "cus_SsllV761J0q08n",
      "customer_address": null,
      "customer_email": "jenny.rosen@example.com",
      "customer_name": "Jenny Rosen",
      "customer_phone": null,
      "customer_shipping": null,
      "customer_tax_exempt": "none",
      "customer_tax_ids": [],
      "default_payment_method": null,
      "default_source": null,
      "default_tax_rates": [],
      "description": null,
      "discounts": [],
      "due_date": null,
      "effective_at": 1755480863,
      "ending_balance": 0,
      "footer": null,
      "from_invoice": null,
      "hosted_invoice_url": "https://example.com/redacted",
      "invoice_pdf": "https://example.com/redacted",
      "issuer": {
        "type": "self"
      },
      "last_finalization_error": null,
      "latest_revision": null,
      "lines": {
        "object": "list",
        "data": [
          {
            "id": "il_1RxHxSGaouLfVOpUqLU5Y6pY",
            "object": "line_item",
            "amount": 19200,
            "currency": "usd",
            "description": "1 × Ultimate (at $192.00 / year)",
            "discount_amounts": [],
            "discountable": true,
            "discounts": [],
            "invoice": "in_1RxHxSGaouLfVOpUyWFwGR1y",
            "livemode": false,
            "metadata": {},
            "parent": {
              "invoice_item_details": null,
              "subscription_item_details": {
                "invoice_item": null,
                "proration": false,
                "proration_details": {
                  "credited_items": null
                },
                "subscription": "sub_1RxHxrGaouLfVOpUpfTWqbjM",
                "subscription_item": "si_St46RUIYZvAsFA"
              },
              "type": "subscription_item_details"
            },
            "period": {
              "end": 1787016838,
              "start": 1755480838
            },
            "pretax_credit_amounts": [],
            "pricing": {
              "price_details": {
                "price": "price_1RwJxfGaouLfVOpUplM98Xcr",
                "product": "prod_Ss45LY8HsRvKY5"
              },
              "type": "price_details",
              "unit_amount_decimal": "19200" as unknown as Stripe.Decimal
            },
            "quantity": 1,
            "taxes": [],
            "subscription": null,
            "subtotal": 19200,
            "quantity_decimal": "1" as unknown as Stripe.Decimal
          }
        ],
        "has_more": false,
        "url": "/v1/invoices/in_1RxHxSGaouLfVOpUyWFwGR1y/lines"
      },
      "livemode": false,
      "metadata": {},
      "next_payment_attempt": null,
      "number": "Q4L5NTYD-0003",
      "on_behalf_of": null,
      "parent": {
        "quote_details": null,
        "subscription_details": {
          "metadata": {},
          "subscription": "sub_1RxHxrGaouLfVOpUpfTWqbjM"
        },
        "type": "subscription_details"
      },
      "payment_settings": {
        "default_mandate": null,
        "payment_method_options": {
          "acss_debit": null,
          "bancontact": null,
          "card": {
            "request_three_d_secure": "automatic"
          },
          "customer_balance": null,
          "konbini": null,
          "sepa_debit": null,
          "us_bank_account": null,
          "payto": null,
          "pix": null,
          "upi": null
        },
        "payment_method_types": [
          "card"
        ]
      },
      "period_end": 1755480838,
      "period_start": 1755480838,
      "post_payment_credit_notes_amount": 0,
      "pre_payment_credit_notes_amount": 0,
      "receipt_number": null,
      "rendering": null,
      "shipping_cost": null,
      "shipping_details": null,
      "starting_balance": 0,
      "statement_descriptor": null,
      "status": "paid",
      "status_transitions": {
        "finalized_at": 1755480863,
        "marked_uncollectible_at": null,
        "paid_at": 1755480861,
        "voided_at": null
      },
      "subtotal": 19200,
      "subtotal_excluding_tax": 19200,
      "test_clock": null,
      "total": 19200,
      "total_discount_amounts": [],
      "total_excluding_tax": 19200,
      "total_pretax_credit_amounts": [],
      "total_taxes": [],
      "webhooks_delivered_at": 1755480838,
      "customer_account": null
    }
  },
  "livemode": false,
  "pending_webhooks": 1,
  "request": {
    "id": null,
    "idempotency_key": null
  },
  "type": "invoice.paid"
};
