import { describe, expect, it } from "vitest";
import { OUTCOME_STYLES } from "@/components/events/outcome-styles";
import { EVENT_OUTCOMES } from "@/lib/views/event-view";

describe("OUTCOME_STYLES", () => {
  it("gives every status a badge and a chart colour no other status has", () => {
    const styles = EVENT_OUTCOMES.map((outcome) => OUTCOME_STYLES[outcome]);
    expect(new Set(styles.map((style) => style.badge)).size).toBe(EVENT_OUTCOMES.length);
    expect(new Set(styles.map((style) => style.fill)).size).toBe(EVENT_OUTCOMES.length);
    // One hue per status: the background colour alone tells them apart.
    const background = (badge: string) => badge.split(" ").find((name) => name.startsWith("bg-"));
    expect(new Set(styles.map((style) => background(style.badge))).size).toBe(EVENT_OUTCOMES.length);
  });
});
