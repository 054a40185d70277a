-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN     "isInFlight" BOOLEAN NOT NULL DEFAULT false;
