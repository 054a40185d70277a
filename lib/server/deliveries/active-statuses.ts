import type { DeliveryStatus } from "@/lib/generated/prisma/client";

/**
 * Deliveries a runner still works on: to send (pending, retrying) or to follow to impact.com's outcome
 * (sent, SPEC §6a). Every claim, sweep and stale check uses this one list.
 */
export const ACTIVE_DELIVERY_STATUSES: DeliveryStatus[] = ["pending", "retrying", "sent"];
