// Shared transport for impact.com's REST API: HTTP Basic with the account SID,
// JSON answers, and a timeout so a hanging impact.com never hangs the portal.
import { getEnv } from "@/lib/env";

export const IMPACT_TIMEOUT_MS = 15_000;

export type ImpactCredentials = { accountSid: string; authToken: string };

export function impactUrl(pathname: string): string {
  return new URL(pathname.replace(/^\//, ""), `${getEnv().IMPACT_API_BASE_URL.replace(/\/?$/, "/")}`).toString();
}

export function basicAuth({ accountSid, authToken }: ImpactCredentials): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
}

export function advertiserPath(accountSid: string, resource: string): string {
  return `/Advertisers/${encodeURIComponent(accountSid)}/${resource}`;
}
