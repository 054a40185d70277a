-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "endpointCheckedAt" TIMESTAMP(3);
