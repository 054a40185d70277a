import type { IncomingHttpHeaders } from "node:http";
import type { FakeImpactState } from "@/testing/fakes/impact/state";
import type { FakeImpactAccount } from "@/testing/fakes/impact/types";

export interface BasicCredentials {
  sid: string;
  token: string;
}

export function readBasicAuth(headers: IncomingHttpHeaders): BasicCredentials | null {
  const header = headers.authorization;
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { sid: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

export type AuthResult = { ok: true; account: FakeImpactAccount } | { ok: false; status: 401 | 403; message: string };

/** Basic SID:token → account; wrong token 401, scoped-out token or another account's path 403. */
export function authenticateImpact(
  state: FakeImpactState,
  credentials: BasicCredentials | null,
  pathSid: string,
): AuthResult {
  if (!credentials)
    return {
      ok: false,
      status: 401,
      message: "Authentication is required (HTTP Basic with Account SID and Auth Token)",
    };
  const account = state.accounts.get(credentials.sid);
  if (!account?.authTokens.includes(credentials.token)) {
    return { ok: false, status: 401, message: "Invalid Account SID or Auth Token" };
  }
  if (credentials.sid !== pathSid)
    return { ok: false, status: 403, message: `Access to account ${pathSid} is not permitted` };
  if (account.forbidden) {
    return { ok: false, status: 403, message: "The Auth Token does not have permission to access this resource" };
  }
  return { ok: true, account };
}
