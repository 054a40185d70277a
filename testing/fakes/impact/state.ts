import { SubmissionRules } from "@/testing/fakes/impact/submission-rules";
import type {
  FakeImpactAccount,
  FakeImpactAccountInput,
  ImpactFailureAction,
  ImpactSubmissionTiming,
  RecordedImpactRequest,
  StoredImpactSubmission,
} from "@/testing/fakes/impact/types";
import { FailurePlan } from "@/testing/fakes/shared/failure-rules";

export interface FakeImpactState {
  accounts: Map<string, FakeImpactAccount>;
  requests: RecordedImpactRequest[];
  submissions: Map<string, StoredImpactSubmission>;
  submissionRules: SubmissionRules;
  submissionTiming: ImpactSubmissionTiming;
  /** What `submissionTiming` returns to on reset: the start-up option. */
  startSubmissionTiming: ImpactSubmissionTiming;
  failures: FailurePlan<ImpactFailureAction>;
  down: "reset" | null;
  counters: { request: number };
}

export function createImpactState(startSubmissionTiming: ImpactSubmissionTiming): FakeImpactState {
  return {
    accounts: new Map(),
    requests: [],
    submissions: new Map(),
    submissionRules: new SubmissionRules(),
    submissionTiming: { ...startSubmissionTiming },
    startSubmissionTiming: { ...startSubmissionTiming },
    failures: new FailurePlan<ImpactFailureAction>(),
    down: null,
    counters: { request: 0 },
  };
}

export function clearImpactState(state: FakeImpactState): void {
  state.accounts.clear();
  state.requests.length = 0;
  state.submissions.clear();
  state.submissionRules.clear();
  state.submissionTiming = { ...state.startSubmissionTiming };
  state.failures.clear();
  state.down = null;
}

/** Adds or replaces an account (so a test can add a token or flip `forbidden`). */
export function putAccount(state: FakeImpactState, input: FakeImpactAccountInput): FakeImpactAccount {
  if (typeof input.sid !== "string" || !/^[A-Za-z0-9_-]+$/.test(input.sid)) {
    throw new Error("sid must be a non-empty string of letters, digits, _ or -");
  }
  if (!Array.isArray(input.authTokens) || input.authTokens.some((token) => typeof token !== "string" || token === "")) {
    throw new Error("authTokens must be a list of non-empty strings");
  }
  const account: FakeImpactAccount = {
    sid: input.sid,
    authTokens: [...input.authTokens],
    companyName: input.companyName ?? `Company ${input.sid}`,
    forbidden: input.forbidden === true,
  };
  state.accounts.set(account.sid, account);
  return { ...account, authTokens: [...account.authTokens] };
}
