// Reads one APISubmission, impact.com's record of how it processed a queued request (SPEC §6a).
import { basicAuth, IMPACT_TIMEOUT_MS, type ImpactCredentials } from "@/lib/impact/impact-http";
import { exchangeWithImpact, type ImpactExchange } from "@/lib/impact/send-impact-request";
import { submissionUrlOf } from "@/lib/impact/submission-uri";

/** Never throws for impact.com's answers: like a send, a read comes back as data to classify and record. */
export async function readImpactSubmission(
  credentials: ImpactCredentials,
  submissionPath: string,
  timeoutMs = IMPACT_TIMEOUT_MS,
): Promise<ImpactExchange> {
  const url = submissionUrlOf(submissionPath);
  const headers = { Authorization: basicAuth(credentials), Accept: "application/json" };
  return exchangeWithImpact(url, { method: "GET", headers }, { method: "GET", url, body: "" }, timeoutMs);
}
