// The Advocate webhook signature check against the fake Advocate's real JWKS: detached RS256 over the raw
// body, both detached forms, the kid cache (one fetch, a refetch on rotation, a cooldown against floods),
// and every refusal reason.
import { createHmac } from "node:crypto";
import { base64url } from "jose";
import { describe, expect, it } from "vitest";
import {
  advocateJwksUrl,
  createAdvocateSignatureVerifier,
  verifyAdvocateSignature,
} from "@/lib/advocate/verify-webhook-signature";
import { webhookBody } from "@/testing/fakes/fake-advocate";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes({ advocate: { tenants: [{ alias: "test_acme", apiKey: "k" }] } });

const body = () =>
  webhookBody("test_acme", { type: "reward.created", data: { id: "rew_1", type: "CREDIT", unit: "STRIPE/USD" } });
const encodeHeader = (header: object) => base64url.encode(JSON.stringify(header));
const jwksFetches = () => fakes.advocate.requests({ path: "/.well-known/jwks.json" }).length;

describe("verifyAdvocateSignature", () => {
  it("accepts the fake Advocate's detached signature over the exact raw body", async () => {
    const raw = body();
    expect(await verifyAdvocateSignature(raw, await fakes.advocate.signBody(raw))).toEqual({ ok: true });
  });

  it("accepts an RFC 7797 unencoded-payload signature (b64:false, crit b64)", async () => {
    const raw = body();
    const signature = await fakes.advocate.signBody(raw, "b64false");
    const header = JSON.parse(Buffer.from(signature.split(".")[0] ?? "", "base64url").toString());
    expect(header).toMatchObject({ b64: false, crit: ["b64"] });
    expect(await verifyAdvocateSignature(raw, signature)).toEqual({ ok: true });
  });

  it("refuses a tampered body, a re-serialised body and a signature of another body", async () => {
    const raw = body();
    const signature = await fakes.advocate.signBody(raw);
    const tampered = raw.replace("rew_1", "rew_2");
    expect(await verifyAdvocateSignature(tampered, signature)).toMatchObject({ ok: false, reason: "bad signature" });
    const reserialised = JSON.stringify(JSON.parse(raw), null, 1);
    expect(await verifyAdvocateSignature(reserialised, signature)).toMatchObject({ reason: "bad signature" });
    const other = await fakes.advocate.signBody(tampered);
    expect(await verifyAdvocateSignature(raw, other)).toMatchObject({ reason: "bad signature" });
  });

  it.each([null, undefined, "", "   "])("answers missing header for %j", async (header) => {
    expect(await verifyAdvocateSignature(body(), header)).toMatchObject({ ok: false, reason: "missing header" });
  });

  it("refuses alg none and HS256 before looking for a key", async () => {
    const raw = body();
    const kid = fakes.advocate.signingKid;
    const none = `${encodeHeader({ alg: "none", kid })}..${base64url.encode("x")}`;
    expect(await verifyAdvocateSignature(raw, none)).toMatchObject({
      reason: "malformed",
      detail: "alg must be RS256",
    });
    const hsHeader = encodeHeader({ alg: "HS256", kid });
    const mac = createHmac("sha256", "guessable")
      .update(`${hsHeader}.${base64url.encode(raw)}`)
      .digest("base64url");
    expect(await verifyAdvocateSignature(raw, `${hsHeader}..${mac}`)).toMatchObject({ reason: "malformed" });
  });

  it.each([
    [
      "an attached payload",
      async (raw: string) => (await fakes.advocate.signBody(raw)).replace("..", `.${base64url.encode(raw)}.`),
    ],
    ["two parts", async () => "abc.def"],
    ["non-base64url", async () => "ab$c..def"],
    ["a header that is not JSON", async () => `${base64url.encode("not json")}..abc`],
    ["no kid", async () => `${encodeHeader({ alg: "RS256" })}..abc`],
    ["b64:false without crit", async () => `${encodeHeader({ alg: "RS256", kid: "k1", b64: false })}..abc`],
  ])("answers malformed for %s", async (_name, makeHeader) => {
    const raw = body();
    expect(await verifyAdvocateSignature(raw, await makeHeader(raw))).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("refuses a critical header extension it does not understand", async () => {
    const raw = body();
    const [, , signature] = (await fakes.advocate.signBody(raw)).split(".");
    const header = encodeHeader({ alg: "RS256", kid: fakes.advocate.signingKid, crit: ["exp"], exp: 1 });
    expect(await verifyAdvocateSignature(raw, `${header}..${signature}`)).toMatchObject({ reason: "malformed" });
  });
});

describe("the JWKS cache", () => {
  it("fetches the key set once for many verifications", async () => {
    const verifier = createAdvocateSignatureVerifier({ jwksUrl: advocateJwksUrl() });
    const before = jwksFetches();
    const raw = body();
    const signature = await fakes.advocate.signBody(raw);
    const results = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(raw, signature)));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(verifier.keys.fetchCount).toBe(1);
    expect(jwksFetches() - before).toBe(1);
  });

  it("fetches again for an unknown kid after a rotation and accepts the new key", async () => {
    const verifier = createAdvocateSignatureVerifier({ jwksUrl: advocateJwksUrl(), cooldownMs: 0 });
    const raw = body();
    expect(await verifier.verify(raw, await fakes.advocate.signBody(raw))).toEqual({ ok: true });
    await fakes.advocate.rotateSigningKey({ keepPrevious: false });
    expect(await verifier.verify(raw, await fakes.advocate.signBody(raw))).toEqual({ ok: true });
    expect(verifier.keys.fetchCount).toBe(2);
  });

  it("answers unknown kid for a kid the fresh set lacks, and refetches at most once per cooldown", async () => {
    const verifier = createAdvocateSignatureVerifier({ jwksUrl: advocateJwksUrl(), cooldownMs: 60_000 });
    const raw = body();
    expect(await verifier.verify(raw, await fakes.advocate.signBody(raw))).toEqual({ ok: true });
    const [, , signature] = (await fakes.advocate.signBody(raw)).split(".");
    const flood = Array.from(
      { length: 25 },
      (_, n) => `${encodeHeader({ alg: "RS256", kid: `made-up-${n}` })}..${signature}`,
    );
    const results = await Promise.all(flood.map((header) => verifier.verify(raw, header)));
    expect(results.every((result) => !result.ok && result.reason === "unknown kid")).toBe(true);
    expect(verifier.keys.fetchCount).toBe(1);
  });

  it("refreshes a known kid's set after its maximum age", async () => {
    let now = 1_000_000;
    const verifier = createAdvocateSignatureVerifier({ jwksUrl: advocateJwksUrl(), maxAgeMs: 60_000, now: () => now });
    const raw = body();
    const signature = await fakes.advocate.signBody(raw);
    await verifier.verify(raw, signature);
    now += 59_999;
    await verifier.verify(raw, signature);
    expect(verifier.keys.fetchCount).toBe(1);
    now += 1;
    expect(await verifier.verify(raw, signature)).toEqual({ ok: true });
    expect(verifier.keys.fetchCount).toBe(2);
  });

  it("answers keys unavailable when the JWKS cannot be read, and keeps a known key through an outage", async () => {
    const raw = body();
    const signature = await fakes.advocate.signBody(raw);
    const unreachable = createAdvocateSignatureVerifier({ jwksUrl: "http://127.0.0.1:9/.well-known/jwks.json" });
    expect(await unreachable.verify(raw, signature)).toMatchObject({ ok: false, reason: "keys unavailable" });

    let now = 0;
    const verifier = createAdvocateSignatureVerifier({ jwksUrl: advocateJwksUrl(), maxAgeMs: 60_000, now: () => now });
    expect(await verifier.verify(raw, signature)).toEqual({ ok: true });
    now += 60_000;
    fakes.advocate.failNext({ path: "/.well-known/jwks.json", action: { kind: "error", status: 503 } });
    expect(await verifier.verify(raw, signature)).toEqual({ ok: true });
    expect(verifier.keys.fetchCount).toBe(2);
    // The failed refresh counts against the cooldown: the outage is not hammered on every webhook.
    expect(await verifier.verify(raw, signature)).toEqual({ ok: true });
    expect(verifier.keys.fetchCount).toBe(2);
  });
});
