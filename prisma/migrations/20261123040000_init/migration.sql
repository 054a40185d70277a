-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "IntegrationMode" AS ENUM ('test', 'live');

-- CreateEnum
CREATE TYPE "StripeEventStatus" AS ENUM ('accepted', 'ignored');

-- CreateEnum
CREATE TYPE "StripeEventSource" AS ENUM ('webhook', 'recovery');

-- CreateEnum
CREATE TYPE "DeliveryKind" AS ENUM ('conversion', 'modification');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'retrying', 'delivered', 'exhausted', 'skipped');

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "impactSid" TEXT NOT NULL,
    "companyName" TEXT NOT NULL,
    "signInTokenEncrypted" TEXT NOT NULL,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "siteUrl" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "eventTypeId" TEXT NOT NULL,
    "recurringEventTypeId" TEXT NOT NULL,
    "impactAuthTokenEncrypted" TEXT NOT NULL,
    "stripeApiKeyEncrypted" TEXT NOT NULL,
    "stripeApiKeyLast4" TEXT NOT NULL,
    "stripeWebhookEndpointId" TEXT,
    "stripeWebhookSecretEncrypted" TEXT,
    "mode" "IntegrationMode" NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "stripeEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "livemode" BOOLEAN NOT NULL,
    "apiVersion" TEXT,
    "stripeCreatedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" "StripeEventSource" NOT NULL DEFAULT 'webhook',
    "status" "StripeEventStatus" NOT NULL,
    "ignoredReason" TEXT,
    "customerId" TEXT,
    "payload" JSONB NOT NULL,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "stripeEventId" TEXT NOT NULL,
    "kind" "DeliveryKind" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "orderId" TEXT,
    "eventTypeId" TEXT,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "skipReason" TEXT,
    "dueAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "attemptCount" INTEGER NOT NULL DEFAULT 0,
    "amount" TEXT,
    "currency" TEXT,
    "clickIdSource" TEXT,
    "queuedUri" TEXT,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "runner" TEXT NOT NULL,
    "requestMethod" TEXT NOT NULL,
    "requestUrl" TEXT NOT NULL,
    "requestBody" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" TEXT,
    "error" TEXT,
    "nextAttemptAt" TIMESTAMP(3),

    CONSTRAINT "DeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL,
    "staffUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "accountId" TEXT,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_impactSid_key" ON "Account"("impactSid");

-- CreateIndex
CREATE INDEX "Integration_accountId_createdAt_idx" ON "Integration"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "StripeEvent_accountId_receivedAt_id_idx" ON "StripeEvent"("accountId", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "StripeEvent_integrationId_receivedAt_id_idx" ON "StripeEvent"("integrationId", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "StripeEvent_accountId_type_receivedAt_id_idx" ON "StripeEvent"("accountId", "type", "receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "StripeEvent_receivedAt_id_idx" ON "StripeEvent"("receivedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "StripeEvent_stripeEventId_idx" ON "StripeEvent"("stripeEventId");

-- CreateIndex
CREATE INDEX "StripeEvent_customerId_idx" ON "StripeEvent"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "StripeEvent_integrationId_stripeEventId_key" ON "StripeEvent"("integrationId", "stripeEventId");

-- CreateIndex
CREATE INDEX "Delivery_dueAt_idx" ON "Delivery"("dueAt");

-- CreateIndex
CREATE INDEX "Delivery_stripeEventId_idx" ON "Delivery"("stripeEventId");

-- CreateIndex
CREATE INDEX "Delivery_accountId_status_createdAt_idx" ON "Delivery"("accountId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Delivery_orderId_idx" ON "Delivery"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_integrationId_dedupeKey_key" ON "Delivery"("integrationId", "dedupeKey");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_deliveryId_number_idx" ON "DeliveryAttempt"("deliveryId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditLog_accountId_createdAt_idx" ON "AuditLog"("accountId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LoginAttempt_key_createdAt_idx" ON "LoginAttempt"("key", "createdAt");

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StripeEvent" ADD CONSTRAINT "StripeEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StripeEvent" ADD CONSTRAINT "StripeEvent_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_stripeEventId_fkey" FOREIGN KEY ("stripeEventId") REFERENCES "StripeEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryAttempt" ADD CONSTRAINT "DeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

