import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { decideInvoiceEventType, type PaidInvoiceSummary, recurringByRecord } from "@/lib/mapping/first-paid-invoice";
import { buildPaidInvoice, type PaidInvoiceOptions } from "@/testing/stripe/builders";
import { FIXTURE_INTEGRATION } from "@/testing/stripe/fixtures/fixture-builders";

const config = {
  eventTypeId: FIXTURE_INTEGRATION.eventTypeId,
  recurringEventTypeId: FIXTURE_INTEGRATION.recurringEventTypeId,
};
const SUB = "sub_1RxHxrGaouLfVOpUpfTWqbjM";
const DAY = 24 * 3600;
const MONTH = 30 * DAY;
const T0 = 1_755_000_000;

/** What the job reads of each invoice of Stripe's `invoices.list({ subscription, status: 'paid' })`. */
function summaryOf(invoice: Stripe.Invoice): PaidInvoiceSummary {
  return {
    id: invoice.id ?? "",
    amountPaid: invoice.amount_paid,
    paidAt: invoice.status_transitions.paid_at ?? null,
    created: invoice.created,
    billingReason: invoice.billing_reason ?? null,
  };
}

/** A paid invoice of SUB, created at `at` and paid 30 s later unless told otherwise. */
function paid(id: string, at: number, options: PaidInvoiceOptions = {}): PaidInvoiceSummary {
  return summaryOf(
    buildPaidInvoice({ id, subscription: SUB, created: at, billingReason: "subscription_cycle", ...options }),
  );
}

const decide = (invoice: PaidInvoiceSummary, list: readonly PaidInvoiceSummary[]) =>
  decideInvoiceEventType(invoice, SUB, list, config);

describe("decideInvoiceEventType — the first paid invoice", () => {
  it("gives a subscription's paid subscription_create invoice the event type id", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    expect(decide(create, [create])).toEqual({
      eventTypeId: "27001",
      isFirst: true,
      rule: `first paid invoice of ${SUB}`,
    });
  });

  it("after a trial: the $0 subscription_create does not count and the paid subscription_cycle is first", () => {
    const trial = paid("in_trial", T0, { billingReason: "subscription_create", amountPaid: 0 });
    const firstCycle = paid("in_cycle1", T0 + 14 * DAY);
    expect(decide(firstCycle, [trial, firstCycle])).toEqual({
      eventTypeId: "27001",
      isFirst: true,
      rule: `first paid invoice of ${SUB}, after a trial`,
    });
    // The next renewal is the second paid invoice: the $0 one is not counted.
    const secondCycle = paid("in_cycle2", T0 + 14 * DAY + MONTH);
    expect(decide(secondCycle, [trial, firstCycle, secondCycle])).toEqual({
      eventTypeId: "27002",
      isFirst: false,
      rule: `paid invoice 2 of ${SUB}, a renewal (its first paid invoice was in_cycle1)`,
    });
  });

  it("names the billing_reason of a first paid invoice that is not subscription_create (and no trial)", () => {
    const cycle = paid("in_cycle", T0);
    expect(decide(cycle, [cycle]).rule).toBe(`first paid invoice of ${SUB} (subscription_cycle)`);
    const noReason = { ...paid("in_null", T0), billingReason: null };
    expect(decide(noReason, [noReason])).toEqual({
      eventTypeId: "27001",
      isFirst: true,
      rule: `first paid invoice of ${SUB} (no billing_reason)`,
    });
  });

  it.each([
    ["subscription_threshold", `first paid invoice of ${SUB} (subscription_threshold)`],
    ["manual", `first paid invoice of ${SUB} (manual)`],
    ["subscription_update", `first paid invoice of ${SUB} (subscription_update)`],
  ] as const)("gives a %s invoice that is the subscription's first paid one the event type id", (reason, rule) => {
    const trial = paid("in_trial", T0, { billingReason: "subscription_create", amountPaid: 0 });
    const invoice = paid("in_x", T0 + DAY, { billingReason: reason });
    expect(decide(invoice, [invoice])).toEqual({ eventTypeId: "27001", isFirst: true, rule });
    // Money decides, so after a $0 trial invoice it is still first.
    expect(decide(invoice, [trial, invoice])).toEqual({
      eventTypeId: "27001",
      isFirst: true,
      rule: `first paid invoice of ${SUB}, after a trial`,
    });
  });

  it("does not count $0 invoices paid after it, nor call them a trial", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    const freeLater = paid("in_free", T0 + MONTH, { amountPaid: 0 });
    expect(decide(create, [create, freeLater]).rule).toBe(`first paid invoice of ${SUB}`);
  });

  it("stays first when later paid invoices are already in Stripe's list (a replayed or late webhook)", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    const later = [paid("in_cycle1", T0 + MONTH), paid("in_cycle2", T0 + 2 * MONTH)];
    expect(decide(create, [...later, create])).toMatchObject({ eventTypeId: "27001", isFirst: true });
  });

  it("is first when the invoice is missing from Stripe's list (the list lags the webhook)", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    expect(decide(create, [])).toEqual({ eventTypeId: "27001", isFirst: true, rule: `first paid invoice of ${SUB}` });
    const trial = paid("in_trial", T0 - 14 * DAY, { billingReason: "subscription_create", amountPaid: 0 });
    const cycle = paid("in_cycle1", T0);
    expect(decide(cycle, [trial]).rule).toBe(`first paid invoice of ${SUB}, after a trial`);
  });
});

describe("decideInvoiceEventType — recurring invoices", () => {
  it("an integration newer than the subscription: earlier paid invoices in Stripe's list make it recurring", () => {
    // The portal saw none of these; Stripe's list is what counts.
    const history = [
      paid("in_create", T0, { billingReason: "subscription_create" }),
      paid("in_cycle1", T0 + MONTH),
      paid("in_cycle2", T0 + 2 * MONTH),
      paid("in_cycle3", T0 + 3 * MONTH),
    ];
    const renewal = paid("in_cycle4", T0 + 4 * MONTH);
    expect(decide(renewal, [...history, renewal])).toEqual({
      eventTypeId: "27002",
      isFirst: false,
      rule: `paid invoice 5 of ${SUB}, a renewal (its first paid invoice was in_create)`,
    });
    // Without its own entry in the list the count is the same.
    expect(decide(renewal, history)).toEqual(decide(renewal, [...history, renewal]));
  });

  it("does not depend on the order of Stripe's list", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    const cycle1 = paid("in_cycle1", T0 + MONTH);
    const cycle2 = paid("in_cycle2", T0 + 2 * MONTH);
    const expected = {
      eventTypeId: "27002",
      isFirst: false,
      rule: `paid invoice 3 of ${SUB}, a renewal (its first paid invoice was in_create)`,
    };
    expect(decide(cycle2, [cycle2, cycle1, create])).toEqual(expected);
    expect(decide(cycle2, [cycle1, cycle2, create])).toEqual(expected);
  });

  it("a prorated upgrade (subscription_update) is recurring", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    const upgrade = paid("in_upgrade", T0 + 10 * DAY, { billingReason: "subscription_update", amountPaid: 833 });
    expect(decide(upgrade, [create, upgrade])).toEqual({
      eventTypeId: "27002",
      isFirst: false,
      rule: `paid invoice 2 of ${SUB}, a prorated change of plan (its first paid invoice was in_create)`,
    });
  });

  it.each([
    ["subscription_threshold", "a usage threshold invoice"],
    ["manual", "a manual invoice"],
    ["subscription_cycle", "a renewal"],
    ["subscription_create", "billing_reason subscription_create"],
    ["quote_accept", "billing_reason quote_accept"],
  ] as const)("a %s invoice after a paid one is recurring (%s)", (reason, words) => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    const invoice = paid("in_x", T0 + 5 * DAY, { billingReason: reason });
    expect(decide(invoice, [create, invoice])).toEqual({
      eventTypeId: "27002",
      isFirst: false,
      rule: `paid invoice 2 of ${SUB}, ${words} (its first paid invoice was in_create)`,
    });
  });

  it("words an unknown or missing billing_reason", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    const future = { ...paid("in_future", T0 + DAY), billingReason: "some_future_reason" };
    expect(decide(future, [create]).rule).toBe(
      `paid invoice 2 of ${SUB}, billing_reason some_future_reason (its first paid invoice was in_create)`,
    );
    const none = { ...paid("in_none", T0 + DAY), billingReason: null };
    expect(decide(none, [create]).rule).toBe(
      `paid invoice 2 of ${SUB}, billing_reason none (its first paid invoice was in_create)`,
    );
  });

  it("counts an earlier invoice that was refunded later: it was paid", () => {
    // A refunded invoice stays `paid` in Stripe with its amount_paid; the refund lives on the charge.
    const refunded = paid("in_refunded", T0, { billingReason: "subscription_create", amountPaid: 2000 });
    const cycle = paid("in_cycle1", T0 + MONTH);
    expect(decide(cycle, [refunded, cycle])).toEqual({
      eventTypeId: "27002",
      isFirst: false,
      rule: `paid invoice 2 of ${SUB}, a renewal (its first paid invoice was in_refunded)`,
    });
  });

  it("counts only the paid invoices before it, not the $0 ones", () => {
    const list = [
      paid("in_trial", T0, { billingReason: "subscription_create", amountPaid: 0 }),
      paid("in_cycle1", T0 + MONTH),
      paid("in_free", T0 + 2 * MONTH, { billingReason: "subscription_update", amountPaid: 0 }),
      paid("in_cycle2", T0 + 3 * MONTH),
    ];
    const cycle3 = paid("in_cycle3", T0 + 4 * MONTH);
    expect(decide(cycle3, [...list, cycle3]).rule).toBe(
      `paid invoice 3 of ${SUB}, a renewal (its first paid invoice was in_cycle1)`,
    );
  });
});

describe("decideInvoiceEventType — paid order (paid_at, then created, then id)", () => {
  it("orders by paid_at, not by created", () => {
    // Created first but paid last (e.g. a retried payment): the other one was paid first.
    const slow = paid("in_slow", T0, { paidAt: T0 + 3 * DAY });
    const fast = paid("in_fast", T0 + DAY, { paidAt: T0 + DAY + 30 });
    expect(decide(fast, [slow, fast])).toMatchObject({ isFirst: true });
    expect(decide(slow, [slow, fast])).toMatchObject({
      isFirst: false,
      rule: expect.stringContaining("(its first paid invoice was in_fast)"),
    });
  });

  it("breaks a paid_at tie by created", () => {
    const older = paid("in_b_older", T0, { paidAt: T0 + 100 });
    const newer = paid("in_a_newer", T0 + 50, { paidAt: T0 + 100 });
    expect(decide(older, [older, newer]).isFirst).toBe(true);
    expect(decide(newer, [older, newer])).toMatchObject({
      eventTypeId: "27002",
      isFirst: false,
      rule: expect.stringContaining("(its first paid invoice was in_b_older)"),
    });
  });

  it("breaks a paid_at and created tie by id", () => {
    const a = paid("in_A", T0, { paidAt: T0 + 30 });
    const b = paid("in_B", T0, { paidAt: T0 + 30 });
    expect(decide(a, [b, a]).isFirst).toBe(true);
    expect(decide(b, [b, a])).toMatchObject({
      isFirst: false,
      rule: expect.stringContaining("(its first paid invoice was in_A)"),
    });
  });

  it("uses created when paid_at is missing", () => {
    const noPaidAt = { ...paid("in_no_paid_at", T0), paidAt: null };
    const later = paid("in_later", T0 + DAY);
    expect(decide(noPaidAt, [noPaidAt, later]).isFirst).toBe(true);
    expect(decide(later, [noPaidAt, later]).isFirst).toBe(false);
  });

  it("decides with the webhook's own copy of the invoice, not a stale one in the list", () => {
    const create = paid("in_create", T0, { billingReason: "subscription_create" });
    const stale = { ...create, paidAt: T0 + 10 * MONTH };
    const cycle = paid("in_cycle1", T0 + MONTH);
    // Listed twice (stale copy and the webhook's), it is still counted once, at its own paid time.
    expect(decide(create, [stale, cycle])).toMatchObject({ isFirst: true });
    expect(decide(cycle, [create, cycle, { ...cycle }]).rule).toBe(
      `paid invoice 2 of ${SUB}, a renewal (its first paid invoice was in_create)`,
    );
  });
});

describe("recurringByRecord", () => {
  it("is recurring, naming the recorded first paid invoice", () => {
    expect(recurringByRecord(SUB, "in_create", config)).toEqual({
      eventTypeId: "27002",
      isFirst: false,
      rule: `a later paid invoice of ${SUB} (its first paid invoice in_create is already recorded)`,
    });
  });
});
