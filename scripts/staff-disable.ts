// npm run staff:disable -- --email you@example.com
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors/app-error";
import { disableStaffUser } from "@/lib/server/auth/disable-staff-user";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: "string" } } });
  try {
    const staff = await disableStaffUser(values);
    console.log(
      staff.wasAlreadyDisabled
        ? `Staff user ${staff.email} was already disabled; any session left has ended.`
        : `Disabled staff user ${staff.email}: sign-in refused, open sessions ended, audit log kept.`,
    );
  } catch (error) {
    console.error(isAppError(error) ? `staff:disable: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}

void main();
