// The log's statuses are the database's, each with one label of its own.
import { describe, expect, it } from "vitest";
import { DeliveryStatus, EventOutcome } from "@/lib/generated/prisma/enums";
import { DELIVERY_STATUSES, EVENT_OUTCOMES, isFailedOutcome, OUTCOME_LABELS } from "@/lib/views/event-view";

describe("event statuses", () => {
  it("are exactly Prisma's DeliveryStatus and EventOutcome (a new enum value must reach every view)", () => {
    expect([...DELIVERY_STATUSES].sort()).toEqual(Object.values(DeliveryStatus).sort());
    expect([...EVENT_OUTCOMES].sort()).toEqual(Object.values(EventOutcome).sort());
  });

  it("each have their own label", () => {
    expect(OUTCOME_LABELS).toEqual({
      pending: "Pending",
      sent: "Sent — awaiting impact.com",
      delivered: "Delivered",
      rejected: "Rejected by impact.com",
      retrying: "Failed (retrying)",
      exhausted: "Exhausted",
      unknown: "Outcome unknown — check in impact.com",
      skipped: "Skipped",
      ignored: "Ignored",
    });
    expect(new Set(Object.values(OUTCOME_LABELS)).size).toBe(EVENT_OUTCOMES.length);
  });

  it("count rejected, exhausted and unknown as failed; sent is not delivered yet, nor failed", () => {
    expect(EVENT_OUTCOMES.filter(isFailedOutcome)).toEqual(["rejected", "exhausted", "unknown"]);
  });
});
