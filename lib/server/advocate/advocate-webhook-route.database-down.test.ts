// With the database unreachable, Advocate intake must answer 5xx (Advocate retries hourly for three days) —
// never 200 for something not stored.
import { expect, it } from "vitest";

// Port 9 (discard) has no PostgreSQL: every connection is refused at once.
process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:9/unreachable";

it("answers 503 when PostgreSQL is down", async () => {
  const { POST } = await import("@/app/api/webhooks/advocate/[integrationId]/route");
  const body = JSON.stringify({
    id: "evt_1",
    type: "reward.created",
    tenantAlias: "test_a",
    live: false,
    created: 1,
    data: {},
  });
  const request = new Request("http://portal.test/api/webhooks/advocate/int_1", {
    method: "POST",
    body,
    headers: { "x-hook-jws-rfc-7797": "e30..c2ln" },
  });
  const response = await POST(request, { params: Promise.resolve({ integrationId: "int_1" }) });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    error: { code: "UNAVAILABLE", message: "temporarily unable to process the request; retry later" },
  });
});
