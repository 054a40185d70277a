-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "clickIdFromClientReference" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "eventTypeRule" TEXT,
ADD COLUMN     "subscriptionId" TEXT;

-- CreateIndex
CREATE INDEX "Delivery_integrationId_subscriptionId_idx" ON "Delivery"("integrationId", "subscriptionId");

