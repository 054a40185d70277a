import { createSeededRandom } from "@/testing/fakes/shared/seeded-random";

/** Which requests a rule applies to. `path` as a string matches any request path containing it. */
export interface RequestMatcher {
  method?: string;
  path?: string | RegExp;
  /** A substring of the raw request body, e.g. `OrderId=in_123`: fails one order's requests and no other's. */
  bodyIncludes?: string;
}

export interface FailureRuleInput<A> extends RequestMatcher {
  /** How many matching requests to fail; omit for 1, `Infinity` (or `null` over HTTP) for "until cleared". */
  count?: number | null;
  action: A;
}

export interface FailureRule<A> {
  id: string;
  method?: string;
  path?: string;
  bodyIncludes?: string;
  remaining: number | null;
  action: A;
}

export interface ChaosOutcome<A> {
  /** Share of matching requests, 0..1; outcomes are checked in order against one random draw. */
  probability: number;
  action: A;
}

export interface ChaosConfig<A> extends RequestMatcher {
  /** Same seed, same sequence of failures, so a flaky run can be replayed. */
  seed: number;
  outcomes: ChaosOutcome<A>[];
}

export function matchesRequest(matcher: RequestMatcher, method: string, path: string, body = ""): boolean {
  if (matcher.method && matcher.method.toUpperCase() !== method.toUpperCase()) return false;
  if (matcher.bodyIncludes && !body.includes(matcher.bodyIncludes)) return false;
  if (matcher.path === undefined || matcher.path === "") return true;
  return typeof matcher.path === "string" ? path.includes(matcher.path) : matcher.path.test(path);
}

/**
 * Queued failures ("fail the next N requests to /Conversions with 503") plus optional seeded
 * probabilistic modes. Explicit rules win over chaos; the first matching rule is consumed first.
 * Several chaos configs may run side by side (a mix on /Conversions and another on outcome reads): the
 * first config whose matcher fits a request decides it, and each draws from its own seeded sequence so
 * traffic on one path never shifts the failures replayed on another.
 */
export class FailurePlan<A> {
  private rules: Array<FailureRule<A> & { matcher: RequestMatcher }> = [];
  private chaos: Array<{ config: ChaosConfig<A>; random: () => number }> = [];
  private nextId = 1;

  add(input: FailureRuleInput<A>): FailureRule<A> {
    const count = input.count === undefined ? 1 : input.count;
    if (count !== null && (!(count > 0) || (Number.isFinite(count) && !Number.isInteger(count)))) {
      throw new Error("count must be a positive integer, Infinity or null");
    }
    const rule = {
      id: `fail_${this.nextId++}`,
      method: input.method?.toUpperCase(),
      path: input.path === undefined ? undefined : String(input.path),
      bodyIncludes: input.bodyIncludes,
      remaining: count === null || count === Infinity ? null : count,
      action: input.action,
      matcher: { method: input.method, path: input.path, bodyIncludes: input.bodyIncludes },
    };
    this.rules.push(rule);
    return publicRule(rule);
  }

  /** Replaces every chaos config: one, several (tried in order), or none (`null` or `[]`). */
  setChaos(config: ChaosConfig<A> | ChaosConfig<A>[] | null): void {
    const configs = config === null ? [] : Array.isArray(config) ? config : [config];
    for (const each of configs) {
      const total = each.outcomes.reduce((sum, outcome) => sum + outcome.probability, 0);
      if (each.outcomes.some((o) => !(o.probability >= 0)) || total > 1) {
        throw new Error("chaos probabilities must be >= 0 and sum to at most 1");
      }
    }
    this.chaos = configs.map((each) => ({ config: each, random: createSeededRandom(each.seed) }));
  }

  /** Returns the failure to apply to this request (its raw body, when read), if any, consuming one use of the rule. */
  take(method: string, path: string, body = ""): { action: A; source: string } | undefined {
    const index = this.rules.findIndex((rule) => matchesRequest(rule.matcher, method, path, body));
    const rule = this.rules[index];
    if (rule) {
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules.splice(index, 1);
      }
      return { action: rule.action, source: rule.id };
    }
    const chaos = this.chaos.find((each) => matchesRequest(each.config, method, path, body));
    if (chaos) {
      let draw = chaos.random();
      for (const outcome of chaos.config.outcomes) {
        if (draw < outcome.probability) return { action: outcome.action, source: "chaos" };
        draw -= outcome.probability;
      }
    }
    return undefined;
  }

  /** `chaos` is every active config in order (empty when off); a RegExp path is shown as its source text. */
  list(): { rules: FailureRule<A>[]; chaos: ChaosConfig<A>[] } {
    return {
      rules: this.rules.map(publicRule),
      chaos: this.chaos.map(({ config }) => ({
        ...config,
        path: config.path === undefined ? undefined : String(config.path),
      })),
    };
  }

  clear(): void {
    this.rules = [];
    this.chaos = [];
  }
}

function publicRule<A>(rule: FailureRule<A>): FailureRule<A> {
  const { id, method, path, bodyIncludes, remaining, action } = rule;
  return { id, method, path, ...(bodyIncludes === undefined ? {} : { bodyIncludes }), remaining, action };
}

/** Over HTTP a regex path is sent as `pathRegex`; turn it back into a RegExp, rejecting bad patterns. */
export function matcherFromJson(input: {
  method?: unknown;
  path?: unknown;
  pathRegex?: unknown;
  bodyIncludes?: unknown;
}): RequestMatcher {
  const matcher: RequestMatcher = {};
  if (typeof input.method === "string") matcher.method = input.method;
  if (typeof input.bodyIncludes === "string" && input.bodyIncludes !== "") matcher.bodyIncludes = input.bodyIncludes;
  if (typeof input.path === "string") matcher.path = input.path;
  if (typeof input.pathRegex === "string") matcher.path = new RegExp(input.pathRegex);
  return matcher;
}
