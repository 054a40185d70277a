import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { StaffSignInSchema } from "@/lib/schemas/auth";

/**
 * Soft-deletes a support staff member (npm run staff:disable): sign-in is refused from now on and every
 * open session ends at its next request (the session version moves on). The row and its audit log stay.
 */
export async function disableStaffUser(input: { email?: string }, now = new Date()) {
  const parsed = StaffSignInSchema.shape.email.safeParse(input.email ?? "");
  if (!parsed.success) throw new AppError("BAD_REQUEST", "Pass the staff member's email: --email you@example.com");
  const [staff] = await prisma.$queryRaw<{ id: string; email: string; disabledAt: Date }[]>`
    UPDATE "StaffUser" SET "disabledAt" = coalesce("disabledAt", ${now}), "sessionVersion" = "sessionVersion" + 1
    WHERE email = ${parsed.data} RETURNING id, email, "disabledAt"`;
  if (!staff) throw new AppError("NOT_FOUND", `No staff user has the email ${parsed.data}.`);
  return { ...staff, wasAlreadyDisabled: staff.disabledAt.getTime() !== now.getTime() };
}
