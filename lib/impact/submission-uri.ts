// A QueuedUri is impact.com's answer, not ours: before the portal sends credentials to it, it must be a
// path of the one shape impact.com hands out, under the account's own SID, joined onto IMPACT_API_BASE_URL.
import { getEnv } from "@/lib/env";
import { impactUrl } from "@/lib/impact/impact-http";

const SUBMISSION_PATH = /^\/Advertisers\/([A-Za-z0-9_-]{1,64})\/APISubmissions\/([A-Za-z0-9_.:-]{1,128})$/;

/** The submission's path when `queuedUri` is one of this account's APISubmissions; null for anything else. */
export function submissionPathOf(queuedUri: unknown, accountSid: string): string | null {
  if (typeof queuedUri !== "string") return null;
  const match = SUBMISSION_PATH.exec(queuedUri);
  return match && match[1] === accountSid ? queuedUri : null;
}

/** The absolute URL to read, refusing (throwing) if joining it ever left impact.com's origin. */
export function submissionUrlOf(submissionPath: string): string {
  const url = impactUrl(submissionPath);
  const expectedOrigin = new URL(getEnv().IMPACT_API_BASE_URL).origin;
  if (new URL(url).origin !== expectedOrigin) {
    throw new Error(`refusing to read ${url}: it is not on ${expectedOrigin}`);
  }
  return url;
}
