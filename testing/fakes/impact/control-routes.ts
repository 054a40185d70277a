import { type FakeImpactState, putAccount } from "@/testing/fakes/impact/state";
import { submissionControlRoutes } from "@/testing/fakes/impact/submission-control-routes";
import type {
  FakeImpactAccountInput,
  ImpactDownMode,
  ImpactFailureAction,
  ImpactRequestFilter,
  RecordedImpactRequest,
} from "@/testing/fakes/impact/types";
import {
  AfterResponse,
  ControlInputError,
  type ControlRoute,
  requireObjectBody,
} from "@/testing/fakes/shared/control-router";
import { failureControlRoutes } from "@/testing/fakes/shared/failure-control-routes";

export interface ImpactControlHooks {
  reset(): Promise<void>;
  setDown(mode: ImpactDownMode | false, options?: { forMs?: number }): Promise<void>;
}

/** The `/_fake/...` endpoints that let a test in another process drive the fake impact.com. */
export function impactControlRoutes(state: FakeImpactState, hooks: ImpactControlHooks): ControlRoute[] {
  return [
    { method: "GET", pattern: /^\/health$/, handle: () => ({ ok: true, fake: "impact" }) },
    {
      method: "POST",
      pattern: /^\/reset$/,
      handle: async () => {
        await hooks.reset();
        return { ok: true };
      },
    },
    { method: "GET", pattern: /^\/accounts$/, handle: () => [...state.accounts.values()] },
    {
      method: "POST",
      pattern: /^\/accounts$/,
      handle: ({ body }) => putAccount(state, requireObjectBody(body) as unknown as FakeImpactAccountInput),
    },
    {
      method: "GET",
      pattern: /^\/requests$/,
      handle: ({ query }) => state.requests.filter((r) => matchImpactRequest(r, filterFrom(query))),
    },
    {
      method: "DELETE",
      pattern: /^\/requests$/,
      handle: () => {
        state.requests.length = 0;
        return { ok: true };
      },
    },
    ...submissionControlRoutes(state),
    ...failureControlRoutes(state.failures, parseImpactFailureAction),
    {
      method: "POST",
      pattern: /^\/down$/,
      handle: async ({ body }) => {
        const input = requireObjectBody(body);
        const forMs = input.forMs === undefined ? undefined : Number(input.forMs);
        if (input.mode !== "reset" && input.mode !== "refuse")
          throw new ControlInputError("mode must be reset or refuse");
        // Once refusing, nobody could reach /_fake/up again; insist on a timer.
        if (input.mode === "refuse" && !(forMs !== undefined && forMs > 0)) {
          throw new ControlInputError("refuse over HTTP needs forMs > 0 (the control endpoints go down too)");
        }
        if (input.mode === "refuse") return new AfterResponse({ ok: true }, () => hooks.setDown("refuse", { forMs }));
        await hooks.setDown(input.mode, { forMs });
        return { ok: true };
      },
    },
    {
      method: "POST",
      pattern: /^\/up$/,
      handle: async () => {
        await hooks.setDown(false);
        return { ok: true };
      },
    },
  ];
}

export function matchImpactRequest(request: RecordedImpactRequest, filter: ImpactRequestFilter): boolean {
  if (filter.path && !request.path.includes(filter.path)) return false;
  if (filter.method && request.method !== filter.method.toUpperCase()) return false;
  if (filter.sid && request.authSid !== filter.sid) return false;
  if (filter.status !== undefined && request.status !== filter.status) return false;
  return true;
}

function filterFrom(query: URLSearchParams): ImpactRequestFilter {
  const status = query.get("status");
  return {
    path: query.get("path") ?? undefined,
    method: query.get("method") ?? undefined,
    sid: query.get("sid") ?? undefined,
    status: status === null ? undefined : Number(status),
  };
}

/** Validates a failure action received as JSON. */
export function parseImpactFailureAction(value: unknown): ImpactFailureAction {
  const action = requireObjectBody(value);
  switch (action.kind) {
    case "error":
      if (typeof action.status !== "number" || action.status < 400 || action.status > 599) {
        throw new ControlInputError("error action needs a status 400..599");
      }
      return action as ImpactFailureAction;
    case "rate-limit":
      if (typeof action.resetSeconds !== "number" || action.resetSeconds < 0) {
        throw new ControlInputError("rate-limit action needs resetSeconds >= 0");
      }
      return action as ImpactFailureAction;
    case "hang":
      if (action.ms !== undefined && (typeof action.ms !== "number" || action.ms < 0)) {
        throw new ControlInputError("hang.ms must be a non-negative number");
      }
      return action as ImpactFailureAction;
    case "reset":
      return { kind: "reset" };
    default:
      throw new ControlInputError("action.kind must be error, rate-limit, hang or reset");
  }
}
