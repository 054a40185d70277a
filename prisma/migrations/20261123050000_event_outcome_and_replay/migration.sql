-- CreateEnum
CREATE TYPE "EventOutcome" AS ENUM ('pending', 'retrying', 'delivered', 'exhausted', 'skipped', 'ignored');

-- AlterTable
ALTER TABLE "StripeEvent" ADD COLUMN     "outcome" "EventOutcome" NOT NULL DEFAULT 'pending';

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "StripeEvent_accountId_outcome_receivedAt_id_idx" ON "StripeEvent"("accountId", "outcome", "receivedAt" DESC, "id" DESC);

