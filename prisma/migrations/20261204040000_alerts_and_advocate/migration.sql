-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('delivery_exhausted', 'delivery_rejected', 'delivery_unknown', 'stripe_endpoint_disabled', 'stripe_endpoint_missing', 'stripe_key_refused', 'impact_token_refused');

-- CreateEnum
CREATE TYPE "AdvocateEventStatus" AS ENUM ('accepted', 'ignored');

-- CreateEnum
CREATE TYPE "RewardCreditStatus" AS ENUM ('pending', 'retrying', 'credited', 'needs_mapping', 'failed', 'exhausted', 'skipped');

-- CreateEnum
CREATE TYPE "RewardRedeemStatus" AS ENUM ('not_due', 'pending', 'redeemed', 'failed');

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" TEXT,
    "clearedAt" TIMESTAMP(3),
    "clearedReason" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertNotificationWindow" (
    "integrationId" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "lastSentAt" TIMESTAMP(3),
    "unsentCount" INTEGER NOT NULL DEFAULT 0,
    "pendingSince" TIMESTAMP(3),

    CONSTRAINT "AlertNotificationWindow_pkey" PRIMARY KEY ("integrationId","kind")
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "accountId" TEXT NOT NULL,
    "email" TEXT,
    "webhookUrl" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "AdvocateConnection" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "tenantAlias" TEXT NOT NULL,
    "apiKeyEncrypted" TEXT NOT NULL,
    "rewardUnits" TEXT NOT NULL DEFAULT 'STRIPE/*',
    "subscriptionEndpointUrl" TEXT NOT NULL,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRewardAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AdvocateConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvocateEvent" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "advocateEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tenantAlias" TEXT NOT NULL,
    "live" BOOLEAN NOT NULL,
    "advocateCreatedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "AdvocateEventStatus" NOT NULL,
    "ignoredReason" TEXT,
    "payload" JSONB NOT NULL,

    CONSTRAINT "AdvocateEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RewardCredit" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "advocateEventId" TEXT NOT NULL,
    "tenantAlias" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "advocateAccountId" TEXT NOT NULL,
    "advocateUserId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "status" "RewardCreditStatus" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "stripeCustomerId" TEXT,
    "stripeBalanceTransactionId" TEXT,
    "redeemStatus" "RewardRedeemStatus" NOT NULL DEFAULT 'not_due',
    "redeemedAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "generation" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "leaseToken" TEXT,
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "creditInFlightSince" TIMESTAMP(3),
    "creditedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RewardCredit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RewardAttempt" (
    "id" TEXT NOT NULL,
    "rewardCreditId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "runner" TEXT NOT NULL,
    "requestMethod" TEXT NOT NULL,
    "requestUrl" TEXT NOT NULL,
    "requestBody" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "error" TEXT,

    CONSTRAINT "RewardAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alert_integrationId_clearedAt_idx" ON "Alert"("integrationId", "clearedAt");

-- CreateIndex
CREATE INDEX "Alert_accountId_clearedAt_idx" ON "Alert"("accountId", "clearedAt");

-- CreateIndex
CREATE INDEX "AlertNotificationWindow_pendingSince_idx" ON "AlertNotificationWindow"("pendingSince");

-- CreateIndex
CREATE UNIQUE INDEX "AdvocateConnection_integrationId_key" ON "AdvocateConnection"("integrationId");

-- CreateIndex
CREATE INDEX "AdvocateConnection_tenantAlias_idx" ON "AdvocateConnection"("tenantAlias");

-- CreateIndex
CREATE INDEX "AdvocateEvent_accountId_receivedAt_idx" ON "AdvocateEvent"("accountId", "receivedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "AdvocateEvent_integrationId_advocateEventId_key" ON "AdvocateEvent"("integrationId", "advocateEventId");

-- CreateIndex
CREATE INDEX "RewardCredit_dueAt_idx" ON "RewardCredit"("dueAt");

-- CreateIndex
CREATE INDEX "RewardCredit_accountId_createdAt_id_idx" ON "RewardCredit"("accountId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "RewardCredit_accountId_status_createdAt_idx" ON "RewardCredit"("accountId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "RewardCredit_createdAt_id_idx" ON "RewardCredit"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "RewardCredit_stripeCustomerId_idx" ON "RewardCredit"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "RewardCredit_tenantAlias_rewardId_key" ON "RewardCredit"("tenantAlias", "rewardId");

-- CreateIndex
CREATE INDEX "RewardAttempt_rewardCreditId_number_idx" ON "RewardAttempt"("rewardCreditId", "number");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertNotificationWindow" ADD CONSTRAINT "AlertNotificationWindow_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationSettings" ADD CONSTRAINT "NotificationSettings_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvocateConnection" ADD CONSTRAINT "AdvocateConnection_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvocateConnection" ADD CONSTRAINT "AdvocateConnection_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvocateEvent" ADD CONSTRAINT "AdvocateEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvocateEvent" ADD CONSTRAINT "AdvocateEvent_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardCredit" ADD CONSTRAINT "RewardCredit_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardCredit" ADD CONSTRAINT "RewardCredit_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardCredit" ADD CONSTRAINT "RewardCredit_advocateEventId_fkey" FOREIGN KEY ("advocateEventId") REFERENCES "AdvocateEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardAttempt" ADD CONSTRAINT "RewardAttempt_rewardCreditId_fkey" FOREIGN KEY ("rewardCreditId") REFERENCES "RewardCredit"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- At most one open alert per integration and kind: a repeat bumps the open one
CREATE UNIQUE INDEX "Alert_one_open_per_kind" ON "Alert"("integrationId", "kind") WHERE "clearedAt" IS NULL;
