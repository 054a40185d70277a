import type { StripeRoute } from "@/testing/fakes/stripe/route";
import { checkoutSessionRoutes } from "@/testing/fakes/stripe/routes/checkout-sessions";
import { customerBalanceRoutes } from "@/testing/fakes/stripe/routes/customer-balance";
import { disputeRoutes } from "@/testing/fakes/stripe/routes/disputes";
import { eventRoutes } from "@/testing/fakes/stripe/routes/events";
import { invoicePaymentRoutes } from "@/testing/fakes/stripe/routes/invoice-payments";
import { invoiceRoutes } from "@/testing/fakes/stripe/routes/invoices";
import { retrieveObjectRoutes } from "@/testing/fakes/stripe/routes/retrieve-objects";
import { webhookEndpointRoutes } from "@/testing/fakes/stripe/routes/webhook-endpoints";

export const STRIPE_ROUTES: StripeRoute[] = [
  ...webhookEndpointRoutes,
  ...invoiceRoutes,
  ...invoicePaymentRoutes,
  ...disputeRoutes,
  ...checkoutSessionRoutes,
  ...eventRoutes,
  ...customerBalanceRoutes,
  ...retrieveObjectRoutes,
];

export function findStripeRoute(
  method: string,
  path: string,
): { route: StripeRoute; pathParams: Record<string, string> } | { methodNotAllowed: true } | undefined {
  let pathMatched = false;
  for (const route of STRIPE_ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const pathParams: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) pathParams[name] = decodeURIComponent(value);
    return { route, pathParams };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}
