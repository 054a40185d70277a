import { impactControlRoutes, matchImpactRequest } from "@/testing/fakes/impact/control-routes";
import { handleImpactApiRequest } from "@/testing/fakes/impact/handle-api-request";
import { clearImpactState, createImpactState, putAccount } from "@/testing/fakes/impact/state";
import type {
  FakeImpactAccount,
  FakeImpactAccountInput,
  ImpactChaosConfig,
  ImpactDownMode,
  ImpactFailureAction,
  ImpactFailureRule,
  ImpactRequestFilter,
  ImpactSubmission,
  RecordedImpactRequest,
} from "@/testing/fakes/impact/types";
import { CONTROL_PREFIX, handleControlRequest } from "@/testing/fakes/shared/control-router";
import type { FailureRuleInput } from "@/testing/fakes/shared/failure-rules";
import { sendJson } from "@/testing/fakes/shared/send";
import { startHttpServer } from "@/testing/fakes/shared/start-http-server";

export type {
  FakeImpactAccount,
  FakeImpactAccountInput,
  ImpactChaosConfig,
  ImpactDownMode,
  ImpactFailureAction,
  ImpactFailureRule,
  ImpactRequestFilter,
  ImpactRequestOutcome,
  ImpactSubmission,
  RecordedImpactRequest,
} from "@/testing/fakes/impact/types";
export { MAX_ORDER_ID_LENGTH } from "@/testing/fakes/impact/validate-params";

export interface FakeImpactOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Accounts present at start and after every `reset()`. */
  accounts?: FakeImpactAccountInput[];
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
  submissions(): ImpactSubmission[];
  /** Resolves once at least `count` recorded requests match (default 1); rejects after `timeoutMs`. */
  waitForRequests(
    filter: ImpactRequestFilter,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<RecordedImpactRequest[]>;
  clearRequests(): void;
  /** Fails the next matching request(s), e.g. `{ path: 'Conversions', count: 2, action: { kind: 'error', status: 503 } }`. */
  failNext(input: FailureRuleInput<ImpactFailureAction>): ImpactFailureRule;
  /** Seeded random failures, e.g. 30 % 500 / 5 % 429 / 2 % hang; null turns it off. */
  setChaos(config: ImpactChaosConfig | null): void;
  /** Clears queued failures and chaos. */
  clearFailures(): void;
  /** `reset`: drop API connections; `refuse`: stop listening (for `forMs`, or until `setDown(false)`). */
  setDown(mode: ImpactDownMode | false, options?: { forMs?: number }): Promise<void>;
  /** Back to the start-up accounts, no recordings, no failures, listening. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake impact.com API on a real port. */
export async function startFakeImpact(options: FakeImpactOptions = {}): Promise<FakeImpact> {
  const state = createImpactState();
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
    submissions: () => structuredClone([...state.submissions.values()]),
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
