import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { StaffSignInSchema } from "@/lib/schemas/auth";
import { type LoginOutcome, reserveLoginAttempt, settleLoginAttempt } from "@/lib/server/auth/login-rate-limit";
import { verifyPassword } from "@/lib/server/auth/verify-password";

export type StaffSession = { staffUserId: string; email: string; sessionVersion: number };

// Compared against when the email is unknown or disabled, so every path costs one verification.
const DUMMY_HASH = "$2b$12$892Du3ymeSzxNrJRCVFLyOX2jAwon6g32DoloKtk4QySB00a7uprW";

export const STAFF_SIGN_IN_FAILED = "Wrong email or password.";

/** Throttled before any hashing (reserveLoginAttempt); a disabled staff member gets the same answer as a wrong password. */
export async function signInStaff(input: unknown, clientIp: string): Promise<StaffSession> {
  const parsed = StaffSignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]!.message);
  const { email, password } = parsed.data;
  const reservation = await reserveLoginAttempt({ kind: "staff", identifier: email, ip: clientIp });
  // Anything that stops the check before its answer (the hashing pool is full, the database failed) does not count.
  let outcome: LoginOutcome = "void";
  try {
    const staff = await prisma.staffUser.findUnique({
      where: { email },
      select: { id: true, email: true, passwordHash: true, disabledAt: true, sessionVersion: true },
    });
    const isValid = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
    const isAdmitted = Boolean(staff && !staff.disabledAt && isValid);
    outcome = isAdmitted ? "succeeded" : "failed";
    if (!staff || !isAdmitted) throw new AppError("UNAUTHORIZED", STAFF_SIGN_IN_FAILED);
    await prisma.staffUser.update({ where: { id: staff.id }, data: { lastSignInAt: new Date() } });
    return { staffUserId: staff.id, email: staff.email, sessionVersion: staff.sessionVersion };
  } finally {
    await settleLoginAttempt(reservation, outcome);
  }
}
