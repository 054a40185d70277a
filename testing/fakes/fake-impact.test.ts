import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_SUBMISSION_TIMING,
  type FakeImpact,
  type ImpactApiSubmission,
  startFakeImpact,
} from "@/testing/fakes/fake-impact";
import { impactChaosMix, impactOutcomeReadChaos } from "@/testing/fakes/impact/chaos-mix";

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

  it("fails only the requests whose body contains bodyIncludes: one order's conversions, not the others'", async () => {
    const rule = fake.failNext({
      method: "POST",
      path: "/Conversions",
      bodyIncludes: "OrderId=in_flaky",
      count: 2,
      action: { kind: "error", status: 500 },
    });
    expect(rule).toMatchObject({ bodyIncludes: "OrderId=in_flaky", remaining: 2 });
    const flaky = { ...VALID_CONVERSION, OrderId: "in_flaky" };
    expect((await postConversion(VALID_CONVERSION)).status).toBe(200);
    expect((await postConversion(flaky)).status).toBe(500);
    expect((await postConversion(VALID_CONVERSION)).status).toBe(200);
    expect((await postConversion(flaky)).status).toBe(500);
    expect((await postConversion(flaky)).status).toBe(200);
    expect(fake.conversions().map((request) => request.params.OrderId)).toEqual([
      VALID_CONVERSION.OrderId,
      VALID_CONVERSION.OrderId,
      "in_flaky",
    ]);
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

async function queuedUri(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { Status: string; QueuedUri: string };
  expect(body.Status).toBe("QUEUED");
  return body.QueuedUri;
}

function readSubmission(
  uri: string,
  options: { sid?: string; token?: string; accept?: string; signal?: AbortSignal } = {},
) {
  const sid = options.sid ?? SID;
  return fetch(`${fake.url}${uri}`, {
    headers: {
      authorization: basic(sid, options.token ?? DELIVERY_TOKEN),
      accept: options.accept ?? "application/json",
    },
    signal: options.signal,
  });
}

async function readStatus(uri: string): Promise<ImpactApiSubmission> {
  const response = await readSubmission(uri);
  expect(response.status).toBe(200);
  return (await response.json()) as ImpactApiSubmission;
}

function actionRequest(method: "PUT" | "DELETE", params: Record<string, string>) {
  const form = new URLSearchParams(params).toString();
  return fetch(`${fake.url}/Advertisers/${SID}/Actions${method === "DELETE" ? `?${form}` : ""}`, {
    method,
    headers: {
      authorization: basic(SID, DELIVERY_TOKEN),
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded",
    },
    body: method === "PUT" ? form : undefined,
  });
}

/** Sleeps until `ms` after the submission was made, so timing assertions do not depend on request latency. */
async function untilSinceSubmitted(submission: ImpactApiSubmission, ms: number): Promise<void> {
  await delay(Math.max(0, Date.parse(submission.SubmissionDate) + ms - Date.now()));
}

function control(method: string, path: string, body?: unknown) {
  return fetch(`${fake.url}/_fake${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const PUT_PARAMS = { ActionTrackerId: "5678", OrderId: "in_1", Amount: "10.00", Reason: "OTHER" };
const DELETE_PARAMS = { ActionTrackerId: "5678", OrderId: "in_1", Reason: "RETURNED" };

describe("APISubmissions", () => {
  it("moves Queued → In Progress → Complete with the timing, echoing what was sent", async () => {
    fake.setSubmissionTiming({ inProgressAfterMs: 200, completeAfterMs: 600 });
    const uri = await queuedUri(await postConversion(VALID_CONVERSION));
    const batchId = uri.split("/").at(-1) as string;

    const queued = await readStatus(uri);
    expect(queued).toEqual({
      BatchId: batchId,
      SubmissionDate: expect.any(String),
      CampaignId: "1234",
      ActionTrackerId: "5678",
      MediaPartnerId: "",
      OrderId: VALID_CONVERSION.OrderId,
      Payload: new URLSearchParams(VALID_CONVERSION).toString(),
      Type: "Conversion",
      Status: "Queued",
      CompletionDate: null,
      ErrorType: "",
      ErrorReason: "",
      Uri: uri,
    });
    await untilSinceSubmitted(queued, 300);
    expect(await readStatus(uri)).toMatchObject({ Status: "In Progress", CompletionDate: null });
    await untilSinceSubmitted(queued, 650);
    const complete = await readStatus(uri);
    expect(complete).toMatchObject({ Status: "Complete", ErrorType: "", ErrorReason: "" });
    expect(Date.parse(complete.CompletionDate as string) - Date.parse(queued.SubmissionDate)).toBe(600);
    expect(fake.getApiSubmission(batchId)).toEqual(complete);
    expect(fake.submissions()).toEqual([
      expect.objectContaining({ id: batchId, type: "Conversion", status: "Complete" }),
    ]);
  });

  it("completes within the small default timing, and answers XML without Accept: application/json", async () => {
    expect(DEFAULT_SUBMISSION_TIMING).toEqual({ inProgressAfterMs: 20, completeAfterMs: 50 });
    const uri = await queuedUri(await postConversion(VALID_CONVERSION));
    await delay(DEFAULT_SUBMISSION_TIMING.completeAfterMs + 10);
    expect((await readStatus(uri)).Status).toBe("Complete");
    const xml = await readSubmission(uri, { accept: "*/*" });
    expect(xml.headers.get("content-type")).toContain("xml");
    expect(await xml.text()).toContain("<Status>Complete</Status>");
  });

  it("names the Type after the route: Conversion, Modification (PUT /Actions), Reversal (DELETE /Actions)", async () => {
    const conversion = await readStatus(await queuedUri(await postConversion(VALID_CONVERSION)));
    const modification = await readStatus(await queuedUri(await actionRequest("PUT", PUT_PARAMS)));
    const reversal = await readStatus(await queuedUri(await actionRequest("DELETE", DELETE_PARAMS)));
    expect([conversion.Type, modification.Type, reversal.Type]).toEqual(["Conversion", "Modification", "Reversal"]);
    expect(modification).toMatchObject({ ActionTrackerId: "5678", OrderId: "in_1", CampaignId: "" });
    expect(modification.Payload).toBe(new URLSearchParams(PUT_PARAMS).toString());
    expect(reversal.Payload).toBe(new URLSearchParams(DELETE_PARAMS).toString());
    expect(fake.submissions().map((s) => [s.kind, s.type])).toEqual([
      ["conversion", "Conversion"],
      ["action-update", "Modification"],
      ["action-reversal", "Reversal"],
    ]);
  });

  it("answers 404 for an unknown id and for another account's batch; 401/403 like the other routes", async () => {
    const uri = await queuedUri(await postConversion(VALID_CONVERSION));
    const unknown = await readSubmission(`/Advertisers/${SID}/APISubmissions/A-00000000-0000-0000-0000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ Status: "ERROR", Message: expect.stringContaining("not found") });
    const batchId = uri.split("/").at(-1) as string;
    const otherAccount = await readSubmission(`/Advertisers/${OTHER_SID}/APISubmissions/${batchId}`, {
      sid: OTHER_SID,
      token: "token-B",
    });
    expect(otherAccount.status).toBe(404);

    expect((await fetch(`${fake.url}${uri}`, { headers: { accept: "application/json" } })).status).toBe(401);
    expect((await readSubmission(uri, { token: "wrong" })).status).toBe(401);
    expect((await readSubmission(uri, { sid: OTHER_SID, token: "token-B" })).status).toBe(403);
    expect((await readSubmission(uri, { token: SIGN_IN_TOKEN })).status).toBe(200);
  });

  it("records the reads without touching the conversion helpers", async () => {
    const uri = await queuedUri(await postConversion(VALID_CONVERSION));
    await readStatus(uri);
    await readStatus(uri);
    expect(fake.requests({ path: "/APISubmissions/", method: "GET" })).toHaveLength(2);
    expect(fake.requests({ path: "Conversions" })).toHaveLength(1);
    expect(fake.conversions()).toHaveLength(1);
    expect(fake.actionUpdates()).toHaveLength(0);
  });
});

describe("submission outcomes", () => {
  const rejection = { errorType: "Validation", errorReason: "ACTIONTRACKER_NOT_FOUND" };

  it("completes with ErrorType/ErrorReason for a rejected submission, still answering the send QUEUED", async () => {
    fake.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 150 });
    const rule = fake.rejectSubmissions({ ...rejection, count: 1 });
    expect(rule).toMatchObject({ remaining: 1, outcome: { kind: "reject", ...rejection } });
    const rejected = await queuedUri(await postConversion(VALID_CONVERSION));
    const fine = await queuedUri(await postConversion(VALID_CONVERSION));

    const inProgress = await readStatus(rejected);
    expect(inProgress).toMatchObject({ Status: "In Progress", ErrorType: "", ErrorReason: "" });
    await untilSinceSubmitted(inProgress, 200);
    expect(await readStatus(rejected)).toMatchObject({
      Status: "Complete",
      CompletionDate: expect.any(String),
      ErrorType: "Validation",
      ErrorReason: "ACTIONTRACKER_NOT_FOUND",
    });
    expect(await readStatus(fine)).toMatchObject({ Status: "Complete", ErrorType: "", ErrorReason: "" });
    expect(fake.submissions()[0]?.ruleId).toBe(rule.id);
  });

  it("rejects only what `when` matches, every match when count is absent", async () => {
    fake.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 0 });
    fake.rejectSubmissions({ ...rejection, when: { actionTrackerId: "9999" } });
    fake.rejectSubmissions({
      errorType: "Contract Error",
      errorReason: "CONTRACT_NOT_FOUND",
      when: { orderIdIncludes: "cs_" },
    });
    fake.rejectSubmissions({ errorType: "Validation", errorReason: "ACTION_LOCKED", when: { type: "Reversal" } });

    const reasons: string[] = [];
    const read = async (response: Response) => reasons.push((await readStatus(await queuedUri(response))).ErrorReason);
    await read(await postConversion(VALID_CONVERSION));
    await read(await postConversion({ ...VALID_CONVERSION, EventTypeId: "9999" }));
    await read(await postConversion({ ...VALID_CONVERSION, EventTypeId: "9999" }));
    await read(await postConversion({ ...VALID_CONVERSION, OrderId: "cs_test_1" }));
    await read(await actionRequest("PUT", PUT_PARAMS));
    await read(await actionRequest("DELETE", DELETE_PARAMS));
    expect(reasons).toEqual([
      "",
      "ACTIONTRACKER_NOT_FOUND",
      "ACTIONTRACKER_NOT_FOUND",
      "CONTRACT_NOT_FOUND",
      "",
      "ACTION_LOCKED",
    ]);
  });

  it("stops after `count` matches", async () => {
    fake.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 0 });
    fake.rejectSubmissions({ ...rejection, when: { type: "Conversion" }, count: 2 });
    const types: string[] = [];
    for (let i = 0; i < 3; i++)
      types.push((await readStatus(await queuedUri(await postConversion(VALID_CONVERSION)))).ErrorType);
    expect(types).toEqual(["Validation", "Validation", ""]);
    expect(() => fake.rejectSubmissions({ ...rejection, count: 0 })).toThrow(/count/);
  });

  it("leaves stalled submissions In Progress: by rule for some, by completeAfterMs: Infinity for all", async () => {
    fake.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: 30 });
    fake.stallSubmissions({ when: { orderIdIncludes: "stuck" } });
    const stuck = await queuedUri(await postConversion({ ...VALID_CONVERSION, OrderId: "in_stuck_1" }));
    const moving = await queuedUri(await postConversion(VALID_CONVERSION));
    await delay(60);
    expect((await readStatus(stuck)).Status).toBe("In Progress");
    expect((await readStatus(moving)).Status).toBe("Complete");

    expect(fake.setSubmissionTiming({ completeAfterMs: Infinity })).toEqual({
      inProgressAfterMs: 0,
      completeAfterMs: Infinity,
    });
    const never = await queuedUri(await postConversion(VALID_CONVERSION));
    await delay(60);
    expect(await readStatus(never)).toMatchObject({ Status: "In Progress", CompletionDate: null });
    // Earlier submissions keep the timing they were queued with.
    expect((await readStatus(moving)).Status).toBe("Complete");
    expect(() => fake.setSubmissionTiming({ inProgressAfterMs: 100, completeAfterMs: 50 })).toThrow(/completeAfterMs/);
  });

  it("takes its timing from the start-up option, and returns to it on reset", async () => {
    const slow = await startFakeImpact({
      accounts: [{ sid: SID, authTokens: [DELIVERY_TOKEN] }],
      submissionTiming: { completeAfterMs: Infinity },
    });
    try {
      const timing = async () => (await fetch(`${slow.url}/_fake/submission-timing`)).json();
      expect(await timing()).toEqual({ inProgressAfterMs: 20, completeAfterMs: null });
      expect(slow.setSubmissionTiming({ completeAfterMs: 10 })).toEqual({ inProgressAfterMs: 10, completeAfterMs: 10 });
      await slow.reset();
      expect(await timing()).toEqual({ inProgressAfterMs: 20, completeAfterMs: null });
    } finally {
      await slow.close();
    }
    await expect(startFakeImpact({ submissionTiming: { inProgressAfterMs: -1 } })).rejects.toThrow(/inProgressAfterMs/);
  });

  it("reset clears submissions, rules and timing", async () => {
    fake.setSubmissionTiming({ inProgressAfterMs: 0, completeAfterMs: Infinity });
    fake.rejectSubmissions(rejection);
    fake.stallSubmissions();
    const uri = await queuedUri(await postConversion(VALID_CONVERSION));
    await fake.reset();
    expect(fake.submissions()).toEqual([]);
    expect(await (await control("GET", "/submission-rules")).json()).toEqual([]);
    expect((await readSubmission(uri)).status).toBe(404);
    const fresh = await readStatus(await queuedUri(await postConversion(VALID_CONVERSION)));
    await untilSinceSubmitted(fresh, DEFAULT_SUBMISSION_TIMING.completeAfterMs + 10);
    expect(await readStatus(fresh.Uri)).toMatchObject({ Status: "Complete", ErrorType: "" });
  });
});

describe("submission control routes over HTTP", () => {
  it("sets timing (null: never), adds, lists and clears reject and stall rules, lists submissions", async () => {
    const timing = await control("POST", "/submission-timing", { inProgressAfterMs: 0, completeAfterMs: null });
    expect(await timing.json()).toEqual({ inProgressAfterMs: 0, completeAfterMs: null });
    const never = await queuedUri(await postConversion(VALID_CONVERSION));
    await delay(30);
    expect((await readStatus(never)).Status).toBe("In Progress");
    expect(await (await control("POST", "/submission-timing", { completeAfterMs: 0 })).json()).toEqual({
      inProgressAfterMs: 0,
      completeAfterMs: 0,
    });

    const added = await control("POST", "/submission-rules", {
      kind: "reject",
      errorType: "Validation",
      errorReason: "CAMPAIGN_NOT_FOUND",
      when: { type: "Conversion", orderIdIncludes: "in_" },
      count: 1,
    });
    expect(await added.json()).toMatchObject({ id: expect.any(String), remaining: 1 });
    await control("POST", "/submission-rules", { kind: "stall", when: { actionTrackerId: "4242" } });
    expect(await (await control("GET", "/submission-rules")).json()).toEqual([
      expect.objectContaining({
        outcome: { kind: "reject", errorType: "Validation", errorReason: "CAMPAIGN_NOT_FOUND" },
      }),
      expect.objectContaining({ outcome: { kind: "stall" }, remaining: null, when: { actionTrackerId: "4242" } }),
    ]);
    const rejected = await queuedUri(await postConversion(VALID_CONVERSION));
    const stalled = await queuedUri(await postConversion({ ...VALID_CONVERSION, EventTypeId: "4242" }));
    expect(await readStatus(rejected)).toMatchObject({ Status: "Complete", ErrorReason: "CAMPAIGN_NOT_FOUND" });
    expect((await readStatus(stalled)).Status).toBe("In Progress");

    const listed = (await (await control("GET", "/submissions")).json()) as Array<{
      status: string;
      completeAt: unknown;
    }>;
    expect(listed.map((s) => [s.status, s.completeAt])).toEqual([
      ["In Progress", null],
      ["Complete", expect.any(Number)],
      ["In Progress", null],
    ]);

    expect((await control("DELETE", "/submission-rules")).status).toBe(200);
    expect(await (await control("GET", "/submission-rules")).json()).toEqual([]);
  });

  it("reports bad control input as 400 with the reason", async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ["/submission-timing", { completeAfterMs: "soon" }, /number or null/],
      ["/submission-timing", { inProgressAfterMs: 100, completeAfterMs: 10 }, /completeAfterMs/],
      ["/submission-rules", { kind: "explode" }, /reject or stall/],
      ["/submission-rules", { kind: "reject", errorType: "Validation" }, /errorReason/],
      ["/submission-rules", { kind: "stall", when: { type: "Refund" } }, /when.type/],
      ["/submission-rules", { kind: "stall", count: -1 }, /count/],
    ];
    for (const [path, body, message] of cases) {
      const response = await control("POST", path, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
  });

  it("sets several chaos configs from an array body", async () => {
    const read = await queuedUri(await postConversion(VALID_CONVERSION));
    const response = await control("POST", "/chaos", [
      { seed: 1, path: "/Conversions", outcomes: [{ probability: 1, action: { kind: "error", status: 502 } }] },
      {
        seed: 2,
        method: "GET",
        pathRegex: "/APISubmissions/",
        outcomes: [{ probability: 1, action: { kind: "error", status: 503 } }],
      },
    ]);
    expect(((await response.json()) as { chaos: unknown[] }).chaos).toHaveLength(2);
    expect((await postConversion(VALID_CONVERSION)).status).toBe(502);
    expect((await readSubmission(read)).status).toBe(503);
    expect((await companyInformation(SID, SIGN_IN_TOKEN)).status).toBe(200);
    await control("DELETE", "/chaos");
    expect((await readSubmission(read)).status).toBe(200);
  });
});

describe("failure injection on outcome reads", () => {
  it("fails the next N reads, rate-limits and hangs them, leaving conversions alone", async () => {
    const uri = await queuedUri(await postConversion(VALID_CONVERSION));
    fake.failNext({ method: "GET", path: "/APISubmissions", count: 2, action: { kind: "error", status: 503 } });
    expect((await postConversion(VALID_CONVERSION)).status).toBe(200);
    expect((await readSubmission(uri)).status).toBe(503);
    expect((await readSubmission(uri)).status).toBe(503);
    expect((await readSubmission(uri)).status).toBe(200);

    fake.failNext({ path: "/APISubmissions", action: { kind: "rate-limit", resetSeconds: 7 } });
    const limited = await readSubmission(uri);
    expect([limited.status, limited.headers.get("x-ratelimit-reset")]).toEqual([429, "7"]);

    fake.failNext({ path: "/APISubmissions", action: { kind: "hang" } });
    await expect(readSubmission(uri, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(fake.requests({ path: "/APISubmissions" }).map((r) => [r.status, r.injected !== undefined])).toEqual([
      [503, true],
      [503, true],
      [200, false],
      [429, true],
      [null, true],
    ]);
  });

  it("runs two chaos configs side by side: conversion failures unchanged by the reads between them", async () => {
    const conversionsOnly = async (interleaveReads: boolean) => {
      await fake.reset();
      const uri = await queuedUri(await postConversion(VALID_CONVERSION));
      fake.setChaos(
        interleaveReads
          ? [impactChaosMix(42, { hangMs: 1 }), impactOutcomeReadChaos(9)]
          : impactChaosMix(42, { hangMs: 1 }),
      );
      const conversions: number[] = [];
      const reads: number[] = [];
      for (let i = 0; i < 150; i++) {
        conversions.push((await postConversion(VALID_CONVERSION)).status);
        if (interleaveReads) for (let j = 0; j < 2; j++) reads.push((await readSubmission(uri)).status);
      }
      return { conversions, reads };
    };
    const alone = await conversionsOnly(false);
    const together = await conversionsOnly(true);
    expect(together.conversions).toEqual(alone.conversions);
    expect(new Set(together.reads)).toEqual(new Set([200, 500, 503, 429]));
    const failedReads = together.reads.filter((status) => status !== 200).length;
    expect(failedReads).toBeGreaterThan(60);
    expect(failedReads).toBeLessThan(120);
    expect((await conversionsOnly(true)).reads).toEqual(together.reads);
  });
});
