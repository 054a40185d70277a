// The heart of the product in real Chromium: an integration made through the form receives signed
// webhooks over HTTP (sent by the fake Stripe to the registered endpoint, as Stripe would), the
// conversions reach the fake impact.com, and the deliveries show in the portal.
import { expect, test } from "@playwright/test";
import { createIntegrationThroughForm } from "@/e2e/support/create-integration";
import { impactControl, seedBrand, seedStripeAccount, stripeControl } from "@/e2e/support/seed-fakes";
import { signIn } from "@/e2e/support/sign-in";
import { buildCharge } from "@/testing/stripe/builders/charge";
import { buildCheckoutLineItem, buildCheckoutSession } from "@/testing/stripe/builders/checkout";
import { buildCustomer } from "@/testing/stripe/builders/customer";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildInvoicePayment, buildPaidInvoice } from "@/testing/stripe/builders/invoice";

async function conversionsFor(sid: string) {
  return (await impactControl.requests({ path: "Conversions", sid, method: "POST", status: 200 })).map(
    (request) => request.params,
  );
}

test("signed webhooks become impact.com conversions and a refund, visible in the delivery log", async ({ page }) => {
  const brand = await seedBrand("Webhook Shop");
  const stripe = await seedStripeAccount("test");
  await signIn(page, brand);
  await createIntegrationThroughForm(page, brand, stripe.apiKey);

  // A first subscription invoice whose click id lives on the customer, and a one-time checkout.
  const customer = buildCustomer({ metadata: { irclickid: "click-from-customer" } });
  const invoice = buildPaidInvoice({
    billingReason: "subscription_create",
    customer: customer.id,
    amountPaid: 4900,
    currency: "eur",
  });
  const session = buildCheckoutSession({
    mode: "payment",
    amountTotal: 1500,
    metadata: { impact_click_id: "click-from-checkout" },
  });
  await stripeControl.seed(
    stripe.stripeAccountId,
    customer,
    invoice,
    buildInvoicePayment({ invoice, paymentIntent: "pi_e2e_subscription" }),
  );
  await stripeControl.seedCheckoutSession(stripe.stripeAccountId, session, [
    buildCheckoutLineItem({ unitAmount: 1500, description: "Poster" }),
  ]);
  const invoiceEvent = buildEvent("invoice.paid", invoice);
  const checkoutEvent = buildEvent("checkout.session.completed", session);

  const deliveries = [
    ...(await stripeControl.sendEvent(stripe.stripeAccountId, invoiceEvent)),
    ...(await stripeControl.sendEvent(stripe.stripeAccountId, checkoutEvent)),
  ];
  expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
  // Stripe retries: the same event again is acknowledged and changes nothing.
  expect((await stripeControl.sendEvent(stripe.stripeAccountId, invoiceEvent))[0]!.status).toBe(200);

  await expect.poll(async () => (await conversionsFor(brand.accountSid)).length, { timeout: 15_000 }).toBe(2);
  const conversions = await conversionsFor(brand.accountSid);
  expect(conversions.find((params) => params.OrderId === invoice.id)).toMatchObject({
    CampaignId: "1001",
    EventTypeId: "2002",
    ClickId: "click-from-customer",
    CurrencyCode: "EUR",
    ItemSubTotal1: "49.00",
    CustomerId: customer.id,
  });
  expect(conversions.find((params) => params.OrderId === session.payment_intent)).toMatchObject({
    ClickId: "click-from-checkout",
    ItemName1: "Poster",
    ItemSubTotal1: "15.00",
  });

  // A partial refund of the subscription payment, re-read after REFUND_DELAY (2 s in the e2e portal).
  const charge = buildCharge({
    amount: 4900,
    amountRefunded: 900,
    currency: "eur",
    paymentIntent: "pi_e2e_subscription",
    customer: customer.id,
  });
  await stripeControl.seed(stripe.stripeAccountId, charge);
  await stripeControl.sendEvent(stripe.stripeAccountId, buildEvent("charge.refunded", charge));
  await expect
    .poll(
      async () =>
        (await impactControl.requests({ path: "Actions", sid: brand.accountSid, method: "PUT" })).map(
          (request) => request.params,
        ),
      { timeout: 20_000 },
    )
    .toEqual([{ ActionTrackerId: "2002", OrderId: invoice.id, Amount: "40.00", Reason: "OTHER" }]);

  // The brand sees each event and its delivery in the log.
  await page.goto(`/events?q=${invoiceEvent.id}`);
  const row = page.getByRole("row").filter({ hasText: invoiceEvent.id });
  await expect(row).toContainText("Delivered");
  await expect(row).toContainText(invoice.id);
});
