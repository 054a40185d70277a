import type { StripeRouteName } from "@/testing/fakes/stripe/types";

/**
 * The restricted-key permission each route needs. Names follow Stripe's `rak_<resource>_<read|write>`
 * scheme (the real 403 names them, e.g. 'rak_webhook_write'); override per fake with `requiredPermissions`.
 */
export const DEFAULT_REQUIRED_PERMISSIONS: Record<StripeRouteName, string> = {
  "webhook_endpoints.list": "rak_webhook_read",
  "webhook_endpoints.retrieve": "rak_webhook_read",
  "webhook_endpoints.create": "rak_webhook_write",
  "webhook_endpoints.update": "rak_webhook_write",
  "webhook_endpoints.delete": "rak_webhook_write",
  "charges.retrieve": "rak_charge_read",
  "disputes.list": "rak_dispute_read",
  "disputes.retrieve": "rak_dispute_read",
  "invoices.list": "rak_invoice_read",
  "invoices.retrieve": "rak_invoice_read",
  "invoice_payments.list": "rak_invoice_read",
  "invoice_payments.retrieve": "rak_invoice_read",
  "checkout.sessions.list": "rak_checkout_session_read",
  "checkout.sessions.retrieve": "rak_checkout_session_read",
  "checkout.sessions.line_items": "rak_checkout_session_read",
  "promotion_codes.retrieve": "rak_promotion_code_read",
  "customers.retrieve": "rak_customer_read",
  "customers.balance_transactions.list": "rak_customer_read",
  "customers.balance_transactions.create": "rak_customer_write",
  "customers.balance_transactions.retrieve": "rak_customer_read",
  "subscriptions.retrieve": "rak_subscription_read",
  "products.retrieve": "rak_product_read",
  "prices.retrieve": "rak_product_read",
  "events.list": "rak_event_read",
  "events.retrieve": "rak_event_read",
};
