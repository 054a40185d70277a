import { encryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getCompanyInformation } from "@/lib/impact/get-company-information";
import { BrandSignInSchema } from "@/lib/schemas/auth";
import { assertLoginAllowed, type LoginKey, recordLoginAttempt } from "@/lib/server/auth/login-rate-limit";

export type BrandSession = { accountId: string; impactSid: string; companyName: string };

/**
 * Verifies SID + token live against impact.com, then creates or refreshes the
 * account (company name, encrypted token). Throws AppError with the message to show.
 */
export async function signInBrand(input: unknown, clientIp: string): Promise<BrandSession> {
  const parsed = BrandSignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]!.message);
  const { accountSid, authToken } = parsed.data;
  const keys: LoginKey[] = [
    { kind: "sid", value: accountSid },
    { kind: "ip", value: clientIp },
  ];
  await assertLoginAllowed(keys);

  let companyName: string;
  try {
    ({ companyName } = await getCompanyInformation({ accountSid, authToken }));
  } catch (error) {
    // impact.com being down is not the brand's mistake: only rejections count against the limit.
    if (error instanceof AppError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN")) {
      await recordLoginAttempt(keys, false);
    }
    throw error;
  }
  await recordLoginAttempt(keys, true);

  const signInTokenEncrypted = encryptSecret(authToken);
  const account = await prisma.account.upsert({
    where: { impactSid: accountSid },
    create: { impactSid: accountSid, companyName, signInTokenEncrypted, lastSignInAt: new Date() },
    update: { companyName, signInTokenEncrypted, lastSignInAt: new Date() },
    select: { id: true, impactSid: true, companyName: true },
  });
  return { accountId: account.id, impactSid: account.impactSid, companyName: account.companyName };
}
