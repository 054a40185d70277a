import { impactControlRoutes, matchImpactRequest } from "@/testing/fakes/impact/control-routes";
import { handleImpactApiRequest } from "@/testing/fakes/impact/handle-api-request";
import { clearImpactState, createImpactState, putAccount } from "@/testing/fakes/impact/state";
import {
  DEFAULT_SUBMISSION_TIMING,
  mergeSubmissionTiming,
  toApiSubmission,
  withStatus,
} from "@/testing/fakes/impact/submissions";
import type {
  FakeImpactAccount,
  FakeImpactAccountInput,
  ImpactApiSubmission,
  ImpactChaosConfig,
  ImpactDownMode,
  ImpactFailureAction,
  ImpactFailureRule,
  ImpactRequestFilter,
  ImpactSubmission,
  ImpactSubmissionRule,
  ImpactSubmissionRuleInput,
  ImpactSubmissionTiming,
  RecordedImpactRequest,
} from "@/testing/fakes/impact/types";
import { CONTROL_PREFIX, handleControlRequest } from "@/testing/fakes/shared/control-router";
import type { FailureRuleInput } from "@/testing/fakes/shared/failure-rules";
import { sendJson } from "@/testing/fakes/shared/send";
import { startHttpServer } from "@/testing/fakes/shared/start-http-server";

export { DEFAULT_SUBMISSION_TIMING } from "@/testing/fakes/impact/submissions";
export type {
  FakeImpactAccount,
  FakeImpactAccountInput,
  ImpactApiSubmission,
  ImpactChaosConfig,
  ImpactDownMode,
  ImpactFailureAction,
  ImpactFailureRule,
  ImpactRequestFilter,
  ImpactRequestOutcome,
  ImpactSubmission,
  ImpactSubmissionMatcher,
  ImpactSubmissionRule,
  ImpactSubmissionStatus,
  ImpactSubmissionTiming,
  ImpactSubmissionType,
  RecordedImpactRequest,
} from "@/testing/fakes/impact/types";
export { MAX_ORDER_ID_LENGTH } from "@/testing/fakes/impact/validate-params";

export interface FakeImpactOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Accounts present at start and after every `reset()`. */
  accounts?: FakeImpactAccountInput[];
  /** How fast queued submissions progress, at start and after every `reset()`; default 20 ms / 50 ms. */
  submissionTiming?: Partial<ImpactSubmissionTiming>;
}

export interface FakeImpact {
  /** `http://127.0.0.1:<port>` — the value for `IMPACT_API_BASE_URL`. */
  readonly url: string;
  readonly port: number;
  /** Adds or replaces an account. */
  addAccount(input: FakeImpactAccountInput): FakeImpactAccount;
  requests(filter?: ImpactRequestFilter): RecordedImpactRequest[];
  /** Conversions impact.com accepted (answered 200), oldest first. */
  conversions(filter?: Omit<ImpactRequestFilter, "path" | "method" | "status">): RecordedImpactRequest[];
  /** Accepted `PUT /Actions` (refund amount changes), oldest first. */
  actionUpdates(filter?: Omit<ImpactRequestFilter, "path" | "method" | "status">): RecordedImpactRequest[];
  /** Every submission handed out as QUEUED, oldest first, with its status now. */
  submissions(): ImpactSubmission[];
  /** What `GET /Advertisers/{SID}/APISubmissions/{batchId}` answers now (without recording a request). */
  getApiSubmission(batchId: string): ImpactApiSubmission | undefined;
  /**
   * Changes the timing of submissions queued from now on (earlier ones keep theirs) and returns it.
   * `completeAfterMs: Infinity` leaves every new submission `In Progress` for good.
   */
  setSubmissionTiming(timing: Partial<ImpactSubmissionTiming>): ImpactSubmissionTiming;
  /**
   * Submissions queued from now on that match `when` complete with this ErrorType / ErrorReason; the
   * request itself is still answered QUEUED, as at impact.com. `count` absent: every match until reset.
   */
  rejectSubmissions(
    input: ImpactSubmissionRuleInput & { errorType: string; errorReason: string },
  ): ImpactSubmissionRule;
  /** Matching submissions queued from now on never complete (stay `In Progress`). */
  stallSubmissions(input?: ImpactSubmissionRuleInput): ImpactSubmissionRule;
  /** Drops the reject and stall rules (submissions already queued keep their outcome). */
  clearSubmissionRules(): void;
  /** Resolves once at least `count` recorded requests match (default 1); rejects after `timeoutMs`. */
  waitForRequests(
    filter: ImpactRequestFilter,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<RecordedImpactRequest[]>;
  clearRequests(): void;
  /** Fails the next matching request(s), e.g. `{ path: 'Conversions', count: 2, action: { kind: 'error', status: 503 } }`. */
  failNext(input: FailureRuleInput<ImpactFailureAction>): ImpactFailureRule;
  /**
   * Seeded random failures, e.g. 30 % 500 / 5 % 429 / 2 % hang; replaces any before. An array runs several
   * side by side (the first whose path/method matches a request decides it); null turns chaos off.
   */
  setChaos(config: ImpactChaosConfig | ImpactChaosConfig[] | null): void;
  /** Clears queued failures and chaos. */
  clearFailures(): void;
  /** `reset`: drop API connections; `refuse`: stop listening (for `forMs`, or until `setDown(false)`). */
  setDown(mode: ImpactDownMode | false, options?: { forMs?: number }): Promise<void>;
  /** Back to the start-up accounts and submission timing; no recordings, submissions, rules or failures; listening. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake impact.com API on a real port. */
export async function startFakeImpact(options: FakeImpactOptions = {}): Promise<FakeImpact> {
  const state = createImpactState(mergeSubmissionTiming(DEFAULT_SUBMISSION_TIMING, options.submissionTiming ?? {}));
  let upTimer: NodeJS.Timeout | undefined;

  const server = await startHttpServer(
    async (req, res) => {
      const url = new URL(req.url ?? "/", "http://fake-impact.local");
      if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        return handleControlRequest(controlRoutes, req, res, url);
      }
      return handleImpactApiRequest(state, req, res, url);
    },
    {
      port: options.port,
      host: options.host,
      onUnhandledError: (res, error) => {
        const message = error instanceof Error ? error.message : String(error);
        sendJson(res, 500, { Status: "ERROR", Message: `Fake impact.com crashed: ${message}` });
      },
    },
  );

  const setDown = async (mode: ImpactDownMode | false, downOptions: { forMs?: number } = {}) => {
    clearTimeout(upTimer);
    state.down = mode === "reset" ? "reset" : null;
    if (mode === "refuse") await server.pause();
    else await server.resume();
    if (mode && downOptions.forMs !== undefined) {
      upTimer = setTimeout(() => void setDown(false), downOptions.forMs);
      upTimer.unref();
    }
  };
  const reset = async () => {
    await setDown(false);
    clearImpactState(state);
    for (const account of options.accounts ?? []) putAccount(state, account);
  };
  const controlRoutes = impactControlRoutes(state, { reset, setDown });
  await reset();

  const requests = (filter: ImpactRequestFilter = {}) =>
    structuredClone(state.requests.filter((request) => matchImpactRequest(request, filter)));

  return {
    url: server.url,
    port: server.port,
    addAccount: (input) => putAccount(state, input),
    requests,
    conversions: (filter = {}) => requests({ ...filter, path: "/Conversions", method: "POST", status: 200 }),
    actionUpdates: (filter = {}) => requests({ ...filter, path: "/Actions", method: "PUT", status: 200 }),
    submissions: () => [...state.submissions.values()].map((submission) => withStatus(submission)),
    getApiSubmission: (batchId) => {
      const submission = state.submissions.get(batchId);
      return submission && toApiSubmission(submission);
    },
    setSubmissionTiming: (timing) => {
      state.submissionTiming = mergeSubmissionTiming(state.submissionTiming, timing);
      return { ...state.submissionTiming };
    },
    rejectSubmissions: ({ errorType, errorReason, ...input }) =>
      state.submissionRules.add(input, { kind: "reject", errorType, errorReason }),
    stallSubmissions: (input = {}) => state.submissionRules.add(input, { kind: "stall" }),
    clearSubmissionRules: () => state.submissionRules.clear(),
    async waitForRequests(filter, waitOptions = {}) {
      const count = waitOptions.count ?? 1;
      const deadline = Date.now() + (waitOptions.timeoutMs ?? 5_000);
      for (;;) {
        const found = requests(filter);
        if (found.length >= count) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out waiting for ${count} impact.com request(s) matching ${JSON.stringify(filter)}; saw ${found.length}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    clearRequests: () => {
      state.requests.length = 0;
    },
    failNext: (input) => state.failures.add(input),
    setChaos: (config) => state.failures.setChaos(config),
    clearFailures: () => state.failures.clear(),
    setDown,
    reset,
    async close() {
      clearTimeout(upTimer);
      await server.close();
    },
  };
}
