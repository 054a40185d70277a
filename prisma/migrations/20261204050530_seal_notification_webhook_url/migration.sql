-- The webhook URL is a credential and is now sealed. A rename, not the drop and add that migrate diff
-- writes, so URLs saved before stay: SQL cannot seal them with the portal key, so they stay plain until
-- the portal seals each on its first read or npm run secrets:rotate seals them all.
ALTER TABLE "NotificationSettings" RENAME COLUMN "webhookUrl" TO "webhookUrlEncrypted";
