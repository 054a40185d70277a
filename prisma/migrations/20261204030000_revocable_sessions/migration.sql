-- AlterTable
ALTER TABLE "Account" DROP COLUMN "signInTokenEncrypted",
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Keys were raw header text before, so a few may be longer than the new cap. They are only throttling state.
DELETE FROM "LoginAttempt" WHERE length("key") > 200;

-- AlterTable
ALTER TABLE "LoginAttempt" ALTER COLUMN "key" SET DATA TYPE VARCHAR(200),
ALTER COLUMN "succeeded" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "LoginAttempt_createdAt_idx" ON "LoginAttempt"("createdAt");

