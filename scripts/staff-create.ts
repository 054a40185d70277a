// npm run staff:create -- --email you@example.com --password '…'
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors/app-error";
import { revokeStaffSessions } from "@/lib/server/auth/revoke-staff-sessions";
import { createStaffUser } from "@/lib/server/staff/create-staff-user";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: "string" }, password: { type: "string" } } });
  try {
    const staff = await createStaffUser(values);
    // A password reset ends the sessions signed in with the old password.
    if (!staff.isNew) await revokeStaffSessions(staff.id);
    console.log(`${staff.isNew ? "Created" : "Updated the password of (and signed out)"} staff user ${staff.email}.`);
  } catch (error) {
    console.error(isAppError(error) ? `staff:create: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}

void main();
