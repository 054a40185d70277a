-- Until now "delivered" meant only that impact.com had queued the request (SPEC §6a). Submissions impact.com
-- still keeps (90 days) are followed to their real outcome: they become "sent" and fall due for a read at
-- once, with three days of reads from now. Older ones cannot be read any more and stay delivered.
-- (A separate migration from the enum values it uses: PostgreSQL refuses a new value in its own transaction.)
UPDATE "Delivery"
SET status = 'sent', "sentAt" = now(), "dueAt" = now(), "deliveredAt" = NULL
WHERE status = 'delivered'
  AND "queuedUri" LIKE '/Advertisers/%/APISubmissions/%'
  AND COALESCE("deliveredAt", "updatedAt") > now() - interval '90 days';

-- Sends a dead worker left without an answer were shown as exhausted, they have a status of their own now.
UPDATE "Delivery"
SET status = 'unknown', "dueAt" = NULL
WHERE status = 'exhausted' AND "lastError" LIKE 'outcome unknown: the portal stopped before impact.com''s answer was recorded%';

-- The outcome of each event mirrors the status of its delivery.
UPDATE "StripeEvent" e
SET outcome = d.status::text::"EventOutcome"
FROM "Delivery" d
WHERE d."stripeEventId" = e.id AND d.status IN ('sent', 'unknown') AND e.outcome IN ('delivered', 'exhausted');
