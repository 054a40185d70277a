-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "leaseToken" TEXT;

