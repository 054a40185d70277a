import { ControlInputError, type ControlRoute, requireObjectBody } from "@/testing/fakes/shared/control-router";
import { type ChaosConfig, type FailurePlan, matcherFromJson } from "@/testing/fakes/shared/failure-rules";

/**
 * `/failures` and `/chaos` control endpoints, the same for both fakes: only how an action is read
 * from JSON differs (each fake has its own kinds of failure). `POST /chaos` takes one config or an array.
 */
export function failureControlRoutes<A>(failures: FailurePlan<A>, parseAction: (value: unknown) => A): ControlRoute[] {
  return [
    { method: "GET", pattern: /^\/failures$/, handle: () => failures.list() },
    {
      method: "POST",
      pattern: /^\/failures$/,
      handle: ({ body }) => {
        const input = requireObjectBody(body);
        return failures.add({
          ...matcherFromJson(input),
          count: input.count === undefined ? undefined : (input.count as number | null),
          action: parseAction(input.action),
        });
      },
    },
    {
      method: "DELETE",
      pattern: /^\/failures$/,
      handle: () => {
        failures.clear();
        return { ok: true };
      },
    },
    {
      method: "POST",
      pattern: /^\/chaos$/,
      // An array body sets several configs side by side (first match decides); an object sets just one.
      handle: ({ body }) => {
        const inputs = Array.isArray(body) ? body : [body];
        failures.setChaos(inputs.map((input: unknown) => chaosFromJson(input, parseAction)));
        return failures.list();
      },
    },
    {
      method: "DELETE",
      pattern: /^\/chaos$/,
      handle: () => {
        failures.setChaos(null);
        return { ok: true };
      },
    },
  ];
}

function chaosFromJson<A>(value: unknown, parseAction: (value: unknown) => A): ChaosConfig<A> {
  const input = requireObjectBody(value);
  if (typeof input.seed !== "number" || !Array.isArray(input.outcomes)) {
    throw new ControlInputError("Expected { seed: number, outcomes: [{ probability, action }], path?, method? }");
  }
  const outcomes = input.outcomes.map((outcome: unknown) => {
    const item = requireObjectBody(outcome);
    return { probability: Number(item.probability), action: parseAction(item.action) };
  });
  return { ...matcherFromJson(input), seed: input.seed, outcomes };
}
