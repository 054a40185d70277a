-- AlterTable
ALTER TABLE "RewardCredit" ADD COLUMN     "creditKeyRound" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "RewardCredit_rewardId_idx" ON "RewardCredit"("rewardId");

-- CreateIndex
CREATE INDEX "RewardCredit_advocateUserId_idx" ON "RewardCredit"("advocateUserId");

-- CreateIndex
CREATE INDEX "RewardCredit_advocateAccountId_idx" ON "RewardCredit"("advocateAccountId");

-- CreateIndex
CREATE INDEX "RewardCredit_stripeBalanceTransactionId_idx" ON "RewardCredit"("stripeBalanceTransactionId");

