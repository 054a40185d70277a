// The structured logger never writes a secret (SPEC §12): by field name at any depth, and by shape anywhere.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, requestIdOf } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger(stream, "debug");
  return { log, lines, last: () => JSON.parse(lines.at(-1)!) as Record<string, unknown> };
}

describe("createLogger", () => {
  it("writes one JSON line with level, time, message and the child's request id", () => {
    const { log, last } = capture();

    log.child({ requestId: "req-1" }).info({ deliveryId: "d_1" }, "delivered");

    expect(last()).toMatchObject({ level: "info", msg: "delivered", requestId: "req-1", deliveryId: "d_1" });
    expect(typeof last().time).toBe("string");
  });

  it("redacts secret-named fields at any depth", () => {
    const { log, lines } = capture();

    log.info(
      {
        headers: {
          authorization: "Bearer abc.def",
          cookie: "next-auth.session-token=xyz",
          "stripe-signature": "t=1,v1=ff",
        },
        integration: { stripeApiKey: "sk_live_zzz", webhookSecret: "whsec_qqq", nested: { password: "hunter2" } },
        impactAuthToken: "tok-123",
        secret: "s3cr3t",
        deliveryId: "d_2",
      },
      "request",
    );

    const line = lines.at(-1)!;
    for (const secret of [
      "abc.def",
      "session-token=xyz",
      "v1=ff",
      "sk_live_zzz",
      "whsec_qqq",
      "hunter2",
      "tok-123",
      "s3cr3t",
    ]) {
      expect(line).not.toContain(secret);
    }
    const parsed = JSON.parse(line);
    expect(parsed.headers.authorization).toBe(REDACTED);
    expect(parsed.integration.nested.password).toBe(REDACTED);
    expect(parsed.deliveryId).toBe("d_2");
  });

  it("redacts secret-shaped text in messages, errors and bindings", () => {
    const { log, lines } = capture();
    const error = Object.assign(
      new Error("Stripe refused sk_test_51Habc123 (header Authorization: Bearer eyJhbGci.x)"),
      {
        code: "E_AUTH",
      },
    );

    log.child({ note: "whsec_abc987" }).error({ err: error }, "failed with rk_live_999key");

    const line = lines.at(-1)!;
    for (const secret of ["sk_test_51Habc123", "eyJhbGci", "whsec_abc987", "rk_live_999key"])
      expect(line).not.toContain(secret);
    const parsed = JSON.parse(line);
    expect(parsed.err).toMatchObject({ type: "Error", code: "E_AUTH" });
    expect(parsed.err.message).toContain("Bearer [redacted]");
    expect(parsed.err.stack).toContain("Stripe refused");
  });
});

describe("requestIdOf", () => {
  it("keeps a plain x-request-id and replaces anything else with a fresh one", () => {
    const withId = (id: string) => new Request("http://portal.test/", { headers: { "x-request-id": id } });

    expect(requestIdOf(withId("abc-123.def"))).toBe("abc-123.def");
    expect(requestIdOf(withId('x"} injected'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(new Request("http://portal.test/"))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
