import type {
  ImpactSubmissionMatcher,
  ImpactSubmissionOutcome,
  ImpactSubmissionRule,
  ImpactSubmissionRuleInput,
  ImpactSubmissionType,
} from "@/testing/fakes/impact/types";

/** The facts of a new submission a rule can match on. */
export type SubmissionCandidate = { type: ImpactSubmissionType; actionTrackerId: string; orderId: string };

/**
 * Outcomes decided when a submission is queued (so a rule set before the send is what counts, and a
 * read never changes the answer): rejected with an error, or stalled. The first matching rule wins.
 */
export class SubmissionRules {
  private rules: ImpactSubmissionRule[] = [];
  private nextId = 1;

  /** `count` absent or null (or Infinity): every matching submission until cleared. */
  add(input: ImpactSubmissionRuleInput, outcome: ImpactSubmissionOutcome): ImpactSubmissionRule {
    const count = input.count ?? null;
    if (count !== null && count !== Infinity && !(Number.isInteger(count) && count > 0)) {
      throw new Error("count must be a positive integer; leave it out for every match");
    }
    const rule: ImpactSubmissionRule = {
      id: `submission_rule_${this.nextId++}`,
      when: { ...input.when },
      remaining: count === Infinity ? null : count,
      outcome,
    };
    this.rules.push(rule);
    return structuredClone(rule);
  }

  /** The outcome for a new submission, if a rule matches; consumes one use of that rule. */
  take(candidate: SubmissionCandidate): { outcome: ImpactSubmissionOutcome; ruleId: string } | undefined {
    const index = this.rules.findIndex((rule) => matchesSubmission(rule.when, candidate));
    const rule = this.rules[index];
    if (!rule) return undefined;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.splice(index, 1);
    }
    return { outcome: rule.outcome, ruleId: rule.id };
  }

  list(): ImpactSubmissionRule[] {
    return structuredClone(this.rules);
  }

  clear(): void {
    this.rules = [];
  }
}

function matchesSubmission(when: ImpactSubmissionMatcher, candidate: SubmissionCandidate): boolean {
  if (when.type !== undefined && when.type !== candidate.type) return false;
  if (when.actionTrackerId !== undefined && when.actionTrackerId !== candidate.actionTrackerId) return false;
  if (when.orderIdIncludes !== undefined && !candidate.orderId.includes(when.orderIdIncludes)) return false;
  return true;
}
