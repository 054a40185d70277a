// For Vitest files that talk to Stripe or impact.com: starts the fakes (real HTTP
// servers on free ports) before the file's tests and points the portal at them.
//
// getEnv() caches on its first call, so the variables must be set before anything
// reads the configuration: call useFakes() at the top level of the test file and
// touch the database or the clients only inside tests or later hooks.
import { afterAll, afterEach, beforeAll } from "vitest";
import { getEnv } from "@/lib/env";
import { type FakeAdvocate, type FakeAdvocateOptions, startFakeAdvocate } from "@/testing/fakes/fake-advocate";
import { type FakeImpact, type FakeImpactOptions, startFakeImpact } from "@/testing/fakes/fake-impact";
import { type FakeStripe, type FakeStripeOptions, startFakeStripe } from "@/testing/fakes/fake-stripe";

export type UseFakesOptions = {
  /** PUBLIC_URL for the file; the webhook URL registered in (fake) Stripe starts with it. */
  publicUrl?: string;
  stripe?: FakeStripeOptions;
  impact?: FakeImpactOptions;
  /** Also start the fake Advocate (SPEC §11) and point ADVOCATE_API_BASE_URL at it; off unless given. */
  advocate?: FakeAdvocateOptions | true;
  /** Empty the fakes (accounts, endpoints, recordings, failures) after every test. Default true. */
  resetAfterEach?: boolean;
};

export type Fakes = {
  readonly stripe: FakeStripe;
  readonly impact: FakeImpact;
  /** Only with the `advocate` option. */
  readonly advocate: FakeAdvocate;
  readonly publicUrl: string;
};

export const DEFAULT_TEST_PUBLIC_URL = "https://portal.example.test";

/** Registers beforeAll/afterEach/afterAll hooks; the returned handles work inside tests. */
export function useFakes(options: UseFakesOptions = {}): Fakes {
  const publicUrl = options.publicUrl ?? DEFAULT_TEST_PUBLIC_URL;
  let stripe: FakeStripe | undefined;
  let impact: FakeImpact | undefined;
  let advocate: FakeAdvocate | undefined;

  beforeAll(async () => {
    const advocateOptions = options.advocate === true ? {} : options.advocate;
    [stripe, impact, advocate] = await Promise.all([
      startFakeStripe(options.stripe),
      startFakeImpact(options.impact),
      advocateOptions ? startFakeAdvocate(advocateOptions) : undefined,
    ]);
    if (advocate) process.env.ADVOCATE_API_BASE_URL = advocate.url;
    process.env.STRIPE_API_BASE_URL = stripe.url;
    process.env.IMPACT_API_BASE_URL = impact.url;
    process.env.PUBLIC_URL = publicUrl;
    const env = getEnv();
    if (
      env.STRIPE_API_BASE_URL !== stripe.url ||
      env.IMPACT_API_BASE_URL !== impact.url ||
      env.PUBLIC_URL !== publicUrl ||
      (advocate && env.ADVOCATE_API_BASE_URL !== advocate.url)
    ) {
      throw new Error("useFakes: getEnv() was called before the fakes started; call useFakes() first in the file");
    }
  });
  if (options.resetAfterEach !== false) {
    afterEach(async () => {
      stripe?.reset();
      await Promise.all([impact?.reset(), advocate?.reset()]);
    });
  }
  afterAll(async () => {
    await Promise.all([stripe?.close(), impact?.close(), advocate?.close()]);
  });

  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useFakes: the fake ${name} is used before beforeAll started it`);
    return value;
  };
  return {
    get stripe() {
      return started(stripe, "Stripe");
    },
    get impact() {
      return started(impact, "impact.com");
    },
    get advocate() {
      if (!options.advocate) throw new Error("useFakes: pass { advocate: … } to start the fake Advocate");
      return started(advocate, "Advocate");
    },
    publicUrl,
  };
}
