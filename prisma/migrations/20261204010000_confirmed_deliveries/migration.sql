-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "EventOutcome" ADD VALUE 'sent';
ALTER TYPE "EventOutcome" ADD VALUE 'rejected';
ALTER TYPE "EventOutcome" ADD VALUE 'unknown';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "DeliveryStatus" ADD VALUE 'sent';
ALTER TYPE "DeliveryStatus" ADD VALUE 'rejected';
ALTER TYPE "DeliveryStatus" ADD VALUE 'unknown';

-- DropForeignKey
ALTER TABLE "AuditLog" DROP CONSTRAINT "AuditLog_staffUserId_fkey";

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "impactErrorReason" TEXT,
ADD COLUMN     "impactErrorType" TEXT,
ADD COLUMN     "outcomeReads" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sentAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "actor" TEXT NOT NULL DEFAULT 'staff',
ALTER COLUMN "staffUserId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ImpactBudgetWindow" (
    "impactSid" TEXT NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ImpactBudgetWindow_pkey" PRIMARY KEY ("impactSid","hourStart")
);

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

