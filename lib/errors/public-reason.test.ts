import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { classifyError, publicFailureOf } from "@/lib/errors/public-reason";
import { spyOnErrorLog } from "@/testing/vitest/error-log-spy";

const PRISMA_TEXT =
  "Invalid `prisma.delivery.findFirst()` invocation:\n\nCan't reach database server at `10.0.0.5:5432`\n    at /srv/portal/.next/server/chunks/123.js:4:11";

function prismaLikeError() {
  const error = new Error(PRISMA_TEXT) as Error & { code: string };
  error.name = "PrismaClientKnownRequestError";
  error.code = "P1001";
  return error;
}

function connectionErrorTo(address: string) {
  const cause = Object.assign(new Error(`connect ECONNREFUSED ${address}:443`), { code: "ECONNREFUSED" });
  return new Stripe.errors.StripeConnectionError({
    message: `An error occurred with our connection to Stripe. Request was retried 2 times. (connect ECONNREFUSED ${address}:443)`,
    detail: cause,
  } as never);
}

afterEach(() => vi.restoreAllMocks());

describe("publicFailureOf", () => {
  it("stores a Prisma error as a classified reason with a reference and logs the raw text under it", () => {
    const log = spyOnErrorLog();
    const failure = publicFailureOf(prismaLikeError(), "reading from Stripe", "test");
    expect(failure.message).toMatch(
      /^reading from Stripe failed: the portal's database did not answer — reference [0-9a-f]{10}$/,
    );
    expect(failure.message).not.toMatch(/10\.0\.0\.5|prisma|\/srv\//i);
    expect(log.count()).toBe(1);
    expect((log.errorLoggedUnder(failure.reference) as Error).message).toBe(PRISMA_TEXT);
  });

  it("stores a connection error to an internal address as a network error", () => {
    const log = spyOnErrorLog();
    const failure = publicFailureOf(connectionErrorTo("10.0.0.5"), "Listing events from Stripe", "test");
    expect(failure.reason).toBe("Stripe could not be reached (network error)");
    expect(failure.message).not.toContain("10.0.0.5");
    expect((log.errorLoggedUnder(failure.reference) as Error).message).toContain("10.0.0.5");
    // A plain Node network error (not wrapped by the SDK) names its code only.
    const nodeError = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" });
    expect(classifyError(nodeError)).toBe("a network error (ECONNREFUSED)");
  });

  it("classifies Stripe answers by type and status, keeping Stripe's own message only where it is meant for users", () => {
    const raw = (statusCode: number, message: string, extra: Record<string, unknown> = {}) =>
      ({ statusCode, message, ...extra }) as never;
    expect(
      classifyError(new Stripe.errors.StripeAuthenticationError(raw(401, "Invalid API Key provided: sk_test_…"))),
    ).toBe("Stripe rejected the API key (401): copy the key again from the Stripe Dashboard");
    expect(
      classifyError(
        new Stripe.errors.StripePermissionError(
          raw(
            403,
            "The provided key 'rk_test_***' does not have the required permissions for this endpoint. Having the 'rak_charge_read' permission would allow this request to continue.",
          ),
        ),
      ),
    ).toBe("the restricted API key lacks the Stripe permission rak_charge_read (403)");
    expect(classifyError(new Stripe.errors.StripeRateLimitError(raw(429, "Too many requests")))).toBe(
      "Stripe is rate limiting requests (429)",
    );
    expect(classifyError(new Stripe.errors.StripeAPIError(raw(500, "upstream 10.1.2.3 failed")))).toBe(
      "Stripe had an internal error (500)",
    );
    expect(
      classifyError(
        new Stripe.errors.StripeInvalidRequestError(
          raw(404, "No such invoice: 'in_123'", { code: "resource_missing" }),
        ),
      ),
    ).toBe("Stripe no longer has the object (404): No such invoice: 'in_123'");
  });

  it("keeps domain errors (written for people) and hides anything else", () => {
    expect(classifyError(new AppError("NOT_FOUND", "Integration not found."))).toBe("Integration not found.");
    expect(classifyError(new TypeError("Cannot read properties of undefined (reading 'id') at /srv/x.js"))).toBe(
      "an internal error",
    );
    expect(classifyError("a thrown string")).toBe("an internal error");
  });
});
