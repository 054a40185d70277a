-- AlterTable
ALTER TABLE "RewardCredit" ADD COLUMN     "pendingSince" TIMESTAMP(3),
ADD COLUMN     "redeemAttemptCount" INTEGER NOT NULL DEFAULT 0;

