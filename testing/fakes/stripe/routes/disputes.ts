import { newestFirst, paginate } from "@/testing/fakes/stripe/list";
import { withExpand } from "@/testing/fakes/stripe/objects";
import { assertKnownParams, inRange, optionalString, readRangeFilter } from "@/testing/fakes/stripe/params";
import type { StripeRoute } from "@/testing/fakes/stripe/route";
import { idOf } from "@/testing/fakes/stripe/routes/invoice-payments";

// GET /v1/disputes?charge=ch_… — a charge's disputes, newest first: lost ones count as money taken back.
export const disputeRoutes: StripeRoute[] = [
  {
    name: "disputes.list",
    method: "GET",
    pattern: /^\/v1\/disputes$/,
    handle(ctx) {
      const { params } = ctx;
      assertKnownParams(params, [
        "charge",
        "created",
        "ending_before",
        "expand",
        "limit",
        "payment_intent",
        "starting_after",
      ]);
      const charge = optionalString(params, "charge");
      const paymentIntent = optionalString(params, "payment_intent");
      const created = readRangeFilter(params, "created");
      const items = [...ctx.account.objects.values()].filter(
        (item) =>
          item.object === "dispute" &&
          Boolean(item.livemode) === ctx.livemode &&
          (charge === undefined || idOf(item.charge) === charge) &&
          (paymentIntent === undefined || idOf(item.payment_intent) === paymentIntent) &&
          inRange(Number(item.created ?? 0), created),
      );
      return withExpand(ctx, paginate(newestFirst(items), params, "/v1/disputes"));
    },
  },
];
