// A QueuedUri is impact.com's answer, not ours: before the portal stores it or sends credentials to it, it
// must be a path of the one shape impact.com hands out, under the account's own SID, joined onto
// IMPACT_API_BASE_URL — checked by the same path and origin rules as every other impact.com call.
import { impactUrl, isImpactPath } from "@/lib/impact/impact-http";

const SUBMISSION_PATH = /^\/Advertisers\/([A-Za-z0-9_-]{1,64})\/APISubmissions\/([A-Za-z0-9_.:-]{1,128})$/;

/** The submission's path when `queuedUri` is one of this account's APISubmissions; null for anything else. */
export function submissionPathOf(queuedUri: unknown, accountSid: string): string | null {
  if (!isImpactPath(queuedUri)) return null;
  const match = SUBMISSION_PATH.exec(queuedUri);
  return match && match[1] === accountSid ? queuedUri : null;
}

/** The absolute URL to read, refusing (throwing) if the path is not a plain path or left impact.com's origin. */
export function submissionUrlOf(submissionPath: string): string {
  return impactUrl(submissionPath);
}
