import bcrypt from "bcryptjs";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { StaffSignInSchema } from "@/lib/schemas/auth";
import { assertLoginAllowed, type LoginKey, recordLoginAttempt } from "@/lib/server/auth/login-rate-limit";

export type StaffSession = { staffUserId: string; email: string };

// Compared against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = "$2b$12$892Du3ymeSzxNrJRCVFLyOX2jAwon6g32DoloKtk4QySB00a7uprW";

export const STAFF_SIGN_IN_FAILED = "Wrong email or password.";

export async function signInStaff(input: unknown, clientIp: string): Promise<StaffSession> {
  const parsed = StaffSignInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]!.message);
  const { email, password } = parsed.data;
  const keys: LoginKey[] = [
    { kind: "staff", value: email },
    { kind: "ip", value: clientIp },
  ];
  await assertLoginAllowed(keys);
  const staff = await prisma.staffUser.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true },
  });
  const isValid = await bcrypt.compare(password, staff?.passwordHash ?? DUMMY_HASH);
  await recordLoginAttempt(keys, Boolean(staff && isValid));
  if (!staff || !isValid) throw new AppError("UNAUTHORIZED", STAFF_SIGN_IN_FAILED);
  await prisma.staffUser.update({ where: { id: staff.id }, data: { lastSignInAt: new Date() } });
  return { staffUserId: staff.id, email: staff.email };
}
