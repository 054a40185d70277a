import type { FakeImpactState } from "@/testing/fakes/impact/state";
import { mergeSubmissionTiming, withStatus } from "@/testing/fakes/impact/submissions";
import type {
  ImpactSubmissionMatcher,
  ImpactSubmissionOutcome,
  ImpactSubmissionRuleInput,
  ImpactSubmissionTiming,
} from "@/testing/fakes/impact/types";
import { ControlInputError, type ControlRoute, requireObjectBody } from "@/testing/fakes/shared/control-router";

const TYPES = ["Conversion", "Modification", "Reversal"];

/**
 * `/_fake/submissions`, `/_fake/submission-timing` and `/_fake/submission-rules`: how queued submissions
 * progress, for tests whose fake runs in another process. JSON has no Infinity, so `null` means "never".
 */
export function submissionControlRoutes(state: FakeImpactState): ControlRoute[] {
  return [
    {
      method: "GET",
      pattern: /^\/submissions$/,
      handle: () => [...state.submissions.values()].map((s) => withStatus(s)),
    },
    { method: "GET", pattern: /^\/submission-timing$/, handle: () => state.submissionTiming },
    {
      method: "POST",
      pattern: /^\/submission-timing$/,
      handle: ({ body }) => {
        state.submissionTiming = mergeSubmissionTiming(state.submissionTiming, timingFromJson(requireObjectBody(body)));
        return state.submissionTiming;
      },
    },
    { method: "GET", pattern: /^\/submission-rules$/, handle: () => state.submissionRules.list() },
    {
      method: "POST",
      pattern: /^\/submission-rules$/,
      handle: ({ body }) => {
        const input = requireObjectBody(body);
        return state.submissionRules.add(ruleInputFromJson(input), outcomeFromJson(input));
      },
    },
    {
      method: "DELETE",
      pattern: /^\/submission-rules$/,
      handle: () => {
        state.submissionRules.clear();
        return { ok: true };
      },
    },
  ];
}

function timingFromJson(input: Record<string, unknown>): Partial<ImpactSubmissionTiming> {
  const timing: Partial<ImpactSubmissionTiming> = {};
  for (const name of ["inProgressAfterMs", "completeAfterMs"] as const) {
    const value = input[name];
    if (value === undefined) continue;
    if (value !== null && typeof value !== "number") throw new ControlInputError(`${name} must be a number or null`);
    timing[name] = value ?? Infinity;
  }
  return timing;
}

function outcomeFromJson(input: Record<string, unknown>): ImpactSubmissionOutcome {
  if (input.kind === "stall") return { kind: "stall" };
  if (input.kind !== "reject") throw new ControlInputError("kind must be reject or stall");
  if (typeof input.errorType !== "string" || typeof input.errorReason !== "string") {
    throw new ControlInputError("a reject rule needs errorType and errorReason strings");
  }
  return { kind: "reject", errorType: input.errorType, errorReason: input.errorReason };
}

function ruleInputFromJson(input: Record<string, unknown>): ImpactSubmissionRuleInput {
  if (input.count !== undefined && input.count !== null && typeof input.count !== "number") {
    throw new ControlInputError("count must be a number, or null / absent for every match");
  }
  const when = input.when === undefined ? {} : requireObjectBody(input.when);
  const matcher: ImpactSubmissionMatcher = {};
  for (const name of ["actionTrackerId", "orderIdIncludes"] as const) {
    if (when[name] === undefined) continue;
    if (typeof when[name] !== "string") throw new ControlInputError(`when.${name} must be a string`);
    matcher[name] = when[name];
  }
  if (when.type !== undefined) {
    if (typeof when.type !== "string" || !TYPES.includes(when.type)) {
      throw new ControlInputError(`when.type must be one of ${TYPES.join(", ")}`);
    }
    matcher.type = when.type as ImpactSubmissionMatcher["type"];
  }
  return { when: matcher, count: input.count as number | null | undefined };
}
