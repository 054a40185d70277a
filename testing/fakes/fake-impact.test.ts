import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeImpact, startFakeImpact } from "@/testing/fakes/fake-impact";
import { impactChaosMix } from "@/testing/fakes/impact/chaos-mix";

const SID = "IRbrandA0000000000000000000000001";
const SIGN_IN_TOKEN = "sign-in-token-A";
const DELIVERY_TOKEN = "delivery-token-A";
const OTHER_SID = "IRbrandB0000000000000000000000002";
const FORBIDDEN_SID = "IRforbidden00000000000000000000003";

let fake: FakeImpact;

beforeAll(async () => {
  fake = await startFakeImpact({
    accounts: [
      { sid: SID, authTokens: [SIGN_IN_TOKEN, DELIVERY_TOKEN], companyName: "Brand A Inc." },
      { sid: OTHER_SID, authTokens: ["token-B"], companyName: "Brand B" },
      { sid: FORBIDDEN_SID, authTokens: ["token-F"], forbidden: true },
    ],
  });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function basic(sid: string, token: string): string {
  return `Basic ${Buffer.from(`${sid}:${token}`).toString("base64")}`;
}

function companyInformation(sid: string, token: string, pathSid = sid, accept = "application/json") {
  return fetch(`${fake.url}/Advertisers/${pathSid}/CompanyInformation`, {
    headers: { authorization: basic(sid, token), accept },
  });
}

const VALID_CONVERSION = {
  CampaignId: "1234",
  EventTypeId: "5678",
  EventDate: "2026-03-01T12:00:00.000Z",
  OrderId: "in_1QxYzInvoice000000000000",
  CustomerId: "cus_123",
  CustomerEmail: "7c4a8d09ca3762af61e59520943dc26494f8941b",
  CurrencyCode: "USD",
  ItemSku1: "Subscription",
  ItemCategory1: "1 × Pro",
  ItemQuantity1: "1",
  ItemSubTotal1: "19.99",
};

function postConversion(params: Record<string, string>, options: { token?: string; signal?: AbortSignal } = {}) {
  return fetch(`${fake.url}/Advertisers/${SID}/Conversions`, {
    method: "POST",
    headers: {
      authorization: basic(SID, options.token ?? DELIVERY_TOKEN),
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(params).toString(),
    signal: options.signal,
  });
}

describe("CompanyInformation", () => {
  it("answers 200 with the company name for the right SID and token", async () => {
    const response = await companyInformation(SID, SIGN_IN_TOKEN);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ CompanyName: "Brand A Inc.", Uri: `/Advertisers/${SID}/CompanyInformation` });
    expect(fake.requests({ path: "CompanyInformation" })[0]).toMatchObject({
      authSid: SID,
      authToken: SIGN_IN_TOKEN,
      status: 200,
      headers: { authorization: "[redacted]", accept: "application/json" },
    });
  });

  it("answers XML when the client forgets Accept: application/json", async () => {
    const response = await companyInformation(SID, SIGN_IN_TOKEN, SID, "*/*");
    expect(response.headers.get("content-type")).toContain("xml");
    expect(await response.text()).toContain("<CompanyName>Brand A Inc.</CompanyName>");
  });

  it("answers 401 for a wrong token or no credentials, 403 for a forbidden account or another account's SID", async () => {
    const wrong = await companyInformation(SID, "wrong");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Basic");
    expect(await wrong.json()).toMatchObject({ Status: "ERROR" });
    expect((await fetch(`${fake.url}/Advertisers/${SID}/CompanyInformation`)).status).toBe(401);
    expect((await companyInformation("IRunknown", "x")).status).toBe(401);
    expect((await companyInformation(FORBIDDEN_SID, "token-F")).status).toBe(403);
    expect((await companyInformation(OTHER_SID, "token-B", SID)).status).toBe(403);
  });
});

describe("Conversions", () => {
  it("queues a valid conversion and records everything sent", async () => {
    const response = await postConversion(VALID_CONVERSION);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { Status: string; QueuedUri: string };
    expect(body.Status).toBe("QUEUED");
    expect(body.QueuedUri).toMatch(new RegExp(`^/Advertisers/${SID}/APISubmissions/A-[0-9a-f-]{36}$`));

    const [recorded] = fake.conversions();
    expect(recorded).toMatchObject({
      method: "POST",
      path: `/Advertisers/${SID}/Conversions`,
      params: VALID_CONVERSION,
      authSid: SID,
      authToken: DELIVERY_TOKEN,
      status: 200,
      outcome: "answered",
      responseBody: body,
    });
    expect(recorded?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(fake.submissions()).toEqual([expect.objectContaining({ sid: SID, kind: "conversion" })]);
  });

  it("accepts ClickId instead of CustomerId", async () => {
    const { CustomerId: _omitted, ...params } = VALID_CONVERSION;
    expect((await postConversion({ ...params, ClickId: "Qx1clickid" })).status).toBe(200);
  });

  it.each([
    ["missing CampaignId", { CampaignId: "" }, "CampaignId"],
    ["non-numeric EventTypeId", { EventTypeId: "abc" }, "EventTypeId"],
    ["bad EventDate", { EventDate: "yesterday" }, "EventDate"],
    ["OrderId over 64 characters", { OrderId: `cs_test_${"a".repeat(58)}` }, "OrderId"],
    ["missing CurrencyCode", { CurrencyCode: "" }, "CurrencyCode"],
    ["no ClickId or CustomerId", { CustomerId: "" }, "ClickId"],
    ["plain-text email", { CustomerEmail: "jenny@example.com" }, "CustomerEmail"],
    ["float garbage amount", { ItemSubTotal1: "19.99.1" }, "ItemSubTotal1"],
  ])("answers 400 for %s", async (_name, change, field) => {
    const response = await postConversion({ ...VALID_CONVERSION, ...change });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { Status: string; Message: string; Errors: Array<{ Field: string }> };
    expect(body.Status).toBe("ERROR");
    expect(body.Message).not.toBe("");
    expect(body.Errors.map((error) => error.Field)).toContain(field);
    expect(fake.conversions()).toEqual([]);
    expect(fake.requests({ path: "Conversions", status: 400 })).toHaveLength(1);
  });

  it("answers 400, not a crash, for a malformed JSON body", async () => {
    const response = await fetch(`${fake.url}/Advertisers/${SID}/Conversions`, {
      method: "POST",
      headers: { authorization: basic(SID, DELIVERY_TOKEN), "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
  });
});

describe("Actions", () => {
  it("queues PUT (amount change) and DELETE (reversal) and records them", async () => {
    const put = await fetch(`${fake.url}/Advertisers/${SID}/Actions`, {
      method: "PUT",
      headers: { authorization: basic(SID, DELIVERY_TOKEN), accept: "application/json" },
      body: new URLSearchParams({ ActionTrackerId: "5678", OrderId: "in_1", Amount: "10.00", Reason: "OTHER" }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ Status: "QUEUED" });
    const del = await fetch(
      `${fake.url}/Advertisers/${SID}/Actions?ActionTrackerId=5678&OrderId=in_1&Reason=RETURNED`,
      {
        method: "DELETE",
        headers: { authorization: basic(SID, DELIVERY_TOKEN), accept: "application/json" },
      },
    );
    expect(del.status).toBe(200);
    expect(fake.actionUpdates()).toEqual([
      expect.objectContaining({
        params: { ActionTrackerId: "5678", OrderId: "in_1", Amount: "10.00", Reason: "OTHER" },
      }),
    ]);
    expect(fake.requests({ method: "DELETE" })[0]?.query).toEqual({
      ActionTrackerId: "5678",
      OrderId: "in_1",
      Reason: "RETURNED",
    });

    const invalid = await fetch(`${fake.url}/Advertisers/${SID}/Actions`, {
      method: "PUT",
      headers: { authorization: basic(SID, DELIVERY_TOKEN) },
      body: new URLSearchParams({ ActionTrackerId: "5678", OrderId: "in_1", Amount: "-1" }),
    });
    expect(invalid.status).toBe(400);
  });
});

describe("failure injection", () => {
  it("fails the next N matching requests with a status, leaving other paths alone", async () => {
    fake.failNext({ path: "Conversions", count: 2, action: { kind: "error", status: 503 } });
    expect((await companyInformation(SID, SIGN_IN_TOKEN)).status).toBe(200);
    const first = await postConversion(VALID_CONVERSION);
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ Status: "ERROR" });
    expect((await postConversion(VALID_CONVERSION)).status).toBe(503);
    expect((await postConversion(VALID_CONVERSION)).status).toBe(200);
    expect(fake.requests({ path: "Conversions" }).map((r) => [r.status, r.injected ?? null])).toEqual([
      [503, expect.stringMatching(/^fail_/)],
      [503, expect.stringMatching(/^fail_/)],
      [200, null],
    ]);
    expect(fake.conversions()).toHaveLength(1);
  });

  it("answers 429 with X-RateLimit-Reset in seconds or as an epoch time", async () => {
    fake.failNext({ path: "Conversions", action: { kind: "rate-limit", resetSeconds: 30 } });
    const limited = await postConversion(VALID_CONVERSION);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ratelimit-reset")).toBe("30");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");

    fake.failNext({ action: { kind: "rate-limit", resetSeconds: 30, resetStyle: "epoch" } });
    const epoch = Number((await postConversion(VALID_CONVERSION)).headers.get("x-ratelimit-reset"));
    expect(epoch).toBeGreaterThan(Date.now() / 1000);
  });

  it("hangs until the client gives up, or answers late (and still processes) after ms", async () => {
    fake.failNext({ path: "Conversions", action: { kind: "hang" } });
    await expect(postConversion(VALID_CONVERSION, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(fake.requests({ path: "Conversions" })[0]).toMatchObject({ outcome: "hung", status: null });

    fake.failNext({ path: "Conversions", action: { kind: "hang", ms: 300 } });
    const started = Date.now();
    expect((await postConversion(VALID_CONVERSION)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    // The client times out, impact.com still records the conversion: the duplicate risk retries must handle.
    fake.failNext({ path: "Conversions", action: { kind: "hang", ms: 300 } });
    await expect(postConversion(VALID_CONVERSION, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await fake.waitForRequests({ path: "Conversions", status: 200 }, { count: 2, timeoutMs: 2000 });
    expect(fake.conversions().at(-1)?.clientDisconnected).toBe(true);
  });

  it("drops connections (reset) and goes down (reset or refuse), then comes back", async () => {
    fake.failNext({ action: { kind: "reset" } });
    await expect(postConversion(VALID_CONVERSION)).rejects.toThrow();
    expect(fake.requests()[0]?.outcome).toBe("reset");

    await fake.setDown("reset");
    await expect(companyInformation(SID, SIGN_IN_TOKEN)).rejects.toThrow();
    await fake.setDown("refuse");
    const refused = await fetch(`${fake.url}/Advertisers/${SID}/CompanyInformation`).catch((e: Error) => e);
    expect(String((refused as Error & { cause?: Error }).cause?.message)).toMatch(/ECONNREFUSED/);
    await fake.setDown(false);
    expect((await companyInformation(SID, SIGN_IN_TOKEN)).status).toBe(200);

    await fake.setDown("refuse", { forMs: 150 });
    await expect(companyInformation(SID, SIGN_IN_TOKEN)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await companyInformation(SID, SIGN_IN_TOKEN)).status).toBe(200);
  });

  it("fails randomly but reproducibly from a seed", async () => {
    const run = async () => {
      await fake.reset();
      fake.setChaos(impactChaosMix(42, { hangMs: 1 }));
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await postConversion(VALID_CONVERSION)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(35);
    expect(failures).toBeLessThan(85);
    expect(first).toContain(429);
    fake.setChaos(null);
    expect((await postConversion(VALID_CONVERSION)).status).toBe(200);
  });
});
