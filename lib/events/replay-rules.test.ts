// What a person may do with a delivery in each status (SPEC §6, §8), the rule both the server and the buttons follow.
import { describe, expect, it } from "vitest";
import {
  canMarkDelivered,
  markDeliveredRefusal,
  type ReplayRule,
  replayRuleOf,
  SKIPPED_NOT_REPLAYABLE,
} from "@/lib/events/replay-rules";
import { DELIVERY_STATUSES, type DeliveryStatusName } from "@/lib/views/event-view";

describe("replayRuleOf", () => {
  it("has a rule for every status", () => {
    const rules = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, replayRuleOf(status)]));
    expect(rules).toEqual({
      pending: { kind: "queued" },
      sent: { kind: "queued" },
      delivered: { kind: "confirm" },
      rejected: { kind: "replay" },
      retrying: { kind: "retry-now" },
      exhausted: { kind: "replay" },
      unknown: { kind: "confirm" },
      skipped: { kind: "refused", reason: SKIPPED_NOT_REPLAYABLE },
    } satisfies Record<DeliveryStatusName, ReplayRule>);
  });
});

describe("canMarkDelivered", () => {
  it("allows only a send whose outcome is unknown", () => {
    expect(DELIVERY_STATUSES.filter(canMarkDelivered)).toEqual(["unknown"]);
    expect(markDeliveredRefusal("sent")).toMatch(/Only a delivery whose outcome is unknown.*this one is sent/);
  });
});
