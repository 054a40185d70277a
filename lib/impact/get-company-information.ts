import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import {
  advertiserPath,
  basicAuth,
  IMPACT_TIMEOUT_MS,
  type ImpactCredentials,
  impactUrl,
} from "@/lib/impact/impact-http";

const CompanyInformationSchema = z.object({ CompanyName: z.string().trim().min(1) }).loose();

export const SIGN_IN_MESSAGES = {
  wrongCredentials: "Wrong SID or token.",
  forbidden: "This token lacks permission to read the account's company information.",
  unreachable: "impact.com unreachable, try again.",
  unexpected: "impact.com answered with something unexpected; try again later.",
} as const;

/**
 * Verifies the credentials live (SPEC §1) and returns the company name.
 * Throws AppError with the user-facing message for each failure class.
 */
export async function getCompanyInformation(credentials: ImpactCredentials): Promise<{ companyName: string }> {
  let response: Response;
  try {
    response = await fetch(impactUrl(advertiserPath(credentials.accountSid, "CompanyInformation")), {
      headers: { Authorization: basicAuth(credentials), Accept: "application/json" },
      signal: AbortSignal.timeout(IMPACT_TIMEOUT_MS),
      cache: "no-store",
    });
  } catch {
    throw new AppError("UPSTREAM_UNAVAILABLE", SIGN_IN_MESSAGES.unreachable);
  }
  if (response.status === 401) throw new AppError("UNAUTHORIZED", SIGN_IN_MESSAGES.wrongCredentials);
  if (response.status === 403) throw new AppError("FORBIDDEN", SIGN_IN_MESSAGES.forbidden);
  if (response.status >= 500) throw new AppError("UPSTREAM_UNAVAILABLE", SIGN_IN_MESSAGES.unreachable);
  const parsed = CompanyInformationSchema.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) throw new AppError("UPSTREAM_REJECTED", SIGN_IN_MESSAGES.unexpected);
  return { companyName: parsed.data.CompanyName };
}
