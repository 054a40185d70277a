// impact.com's side of the demo stream (testing/fakes/stripe/demo-scenario.ts): the fake Stripe says which
// order impact.com must reject or fail, just before it sends that order's event, and this tells the fake
// impact.com. Matching on the order id (never the event type) works whatever the brand typed in the form.
import type { FakeImpact } from "@/testing/fakes/fake-impact";
import type { DemoImpactPlan } from "@/testing/fakes/stripe/demo-orders";

export function applyDemoImpactPlan(impact: FakeImpact, plan: DemoImpactPlan): void {
  switch (plan.kind) {
    case "reject":
      impact.rejectSubmissions({
        when: { type: "Conversion", orderIdIncludes: plan.orderId },
        count: 1,
        errorType: plan.errorType,
        errorReason: plan.errorReason,
      });
      return;
    case "fail-then-accept":
      // Only this order's sends fail: the body names its OrderId, other conversions meanwhile go through.
      impact.failNext({
        method: "POST",
        path: "/Conversions",
        bodyIncludes: `OrderId=${plan.orderId}`,
        count: plan.failures,
        action: { kind: "error", status: plan.status },
      });
      return;
  }
}
