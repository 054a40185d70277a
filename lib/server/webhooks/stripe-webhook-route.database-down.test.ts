// With the database unreachable, intake must answer 5xx (Stripe retries) — never 2xx for something not stored.
import { expect, it } from "vitest";
import { signedWebhookRequest } from "@/testing/db/factories";
import { buildEvent } from "@/testing/stripe/builders/event";
import { buildPaidInvoice } from "@/testing/stripe/builders/invoice";

// Port 9 (discard) has no PostgreSQL: every connection is refused at once.
process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:9/unreachable";

it("answers 503 when PostgreSQL is down", async () => {
  const { POST } = await import("@/app/api/webhooks/stripe/[integrationId]/route");
  const request = signedWebhookRequest(
    "http://portal.test/api/webhooks/stripe/int_1",
    buildEvent("invoice.paid", buildPaidInvoice()),
    "whsec_x",
  );
  const response = await POST(request, { params: Promise.resolve({ integrationId: "int_1" }) });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    error: { code: "UNAVAILABLE", message: "temporarily unable to process the request; retry later" },
  });
});
