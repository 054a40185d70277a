import bcrypt from "bcryptjs";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { StaffCreateSchema } from "@/lib/schemas/auth";

const BCRYPT_COST = 12;

/** Creates a support staff account, or resets the password of an existing one. */
export async function createStaffUser(input: unknown): Promise<{ id: string; email: string; isNew: boolean }> {
  const parsed = StaffCreateSchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues.map((issue) => issue.message).join(" "));
  const { email, password } = parsed.data;
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  const existing = await prisma.staffUser.findUnique({ where: { email }, select: { id: true } });
  const staff = await prisma.staffUser.upsert({
    where: { email },
    create: { email, passwordHash },
    update: { passwordHash },
    select: { id: true, email: true },
  });
  return { ...staff, isNew: !existing };
}
