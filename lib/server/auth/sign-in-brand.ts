import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getCompanyInformation } from "@/lib/impact/get-company-information";
import { BrandSignInSchema } from "@/lib/schemas/auth";
import { type LoginOutcome, reserveLoginAttempt, settleLoginAttempt } from "@/lib/server/auth/login-rate-limit";

export type BrandSession = { accountId: string; impactSid: string; companyName: string; sessionVersion: number };

/**
 * Verifies SID + token live against impact.com, then creates or refreshes the account (company name).
 * The token itself is not kept. Throws AppError with the message to show.
 */
export async function signInBrand(input: unknown, clientIp: string): Promise<BrandSession> {
  const parsed = BrandSignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]!.message);
  const { accountSid, authToken } = parsed.data;
  const reservation = await reserveLoginAttempt({ kind: "sid", identifier: accountSid, ip: clientIp });

  let companyName: string;
  let outcome: LoginOutcome = "void";
  try {
    ({ companyName } = await getCompanyInformation({ accountSid, authToken }));
    outcome = "succeeded";
  } catch (error) {
    // impact.com being down is not the brand's mistake: only rejections count against the limit.
    if (error instanceof AppError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN")) outcome = "failed";
    throw error;
  } finally {
    await settleLoginAttempt(reservation, outcome);
  }

  const account = await prisma.account.upsert({
    where: { impactSid: accountSid },
    create: { impactSid: accountSid, companyName, lastSignInAt: new Date() },
    update: { companyName, lastSignInAt: new Date() },
    select: { id: true, impactSid: true, companyName: true, sessionVersion: true },
  });
  return {
    accountId: account.id,
    impactSid: account.impactSid,
    companyName: account.companyName,
    sessionVersion: account.sessionVersion,
  };
}
