import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { getPrincipal } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { requestLogger } from "@/lib/log";

type RouteContext<P> = { params: Promise<P> };
type PrincipalHandler<P> = (args: { request: Request; principal: Principal; params: P }) => Promise<Response>;

/**
 * The preamble of every session JSON route: signed out → 401, an AppError → its status and
 * `{ error: { code, message } }`, anything else → 503 (logged under `context`). Every answer carries the
 * request's `x-request-id`, the id its log lines carry.
 */
export function withPrincipal<P = Record<string, never>>(context: string, handler: PrincipalHandler<P>) {
  return async (request: Request, routeContext: RouteContext<P>): Promise<Response> => {
    const { log, requestId } = requestLogger(request, context);
    let response: Response;
    try {
      const principal = await getPrincipal();
      if (!principal) throw new AppError("UNAUTHORIZED", "Sign in to see events.");
      const params = (await routeContext?.params) ?? ({} as P);
      response = await handler({ request, principal, params });
    } catch (error) {
      response = errorResponse(error, context, log);
    }
    response.headers.set("x-request-id", requestId);
    return response;
  };
}
