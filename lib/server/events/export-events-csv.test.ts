// The CSV export streams the filtered, scoped log batch by batch and escapes every cell.
import { beforeAll, describe, expect, it } from "vitest";
import type { EventScope } from "@/lib/server/events/event-scope";
import { exportEventsCsv } from "@/lib/server/events/export-events-csv";
import { parseCsv, readChunks } from "@/testing/csv/read-csv";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestIntegration } from "@/testing/db/factories";

let scope: EventScope;

beforeAll(async () => {
  const { integration } = await createTestIntegration();
  scope = { role: "brand", accountId: integration.accountId };
  for (let minute = 0; minute < 5; minute++) {
    await createTestEvent(integration, {
      receivedAt: new Date(Date.UTC(2026, 10, 22, 8, minute)),
      stripeEventId: `evt_csv${minute}`,
      outcome: minute === 0 ? "exhausted" : "delivered",
      lastError: minute === 0 ? 'impact.com rejected the request (400): "OrderId", bad\nsecond line' : null,
    });
  }
  const other = (await createTestIntegration()).integration;
  await createTestEvent(other, { stripeEventId: "evt_not_mine" });
});

describe("exportEventsCsv", () => {
  it("streams the header, then one chunk per keyset batch, newest first, only the account's events", async () => {
    const chunks = await readChunks(exportEventsCsv(scope, {}, { batchSize: 2 }));
    expect(chunks.length).toBe(4); // header + 2 + 2 + 1
    const records = parseCsv(chunks.join(""));
    expect(records[0]!.slice(0, 8)).toEqual([
      "received_at",
      "account",
      "account_sid",
      "integration_id",
      "site_url",
      "mode",
      "stripe_event_id",
      "type",
    ]);
    const eventIds = records.slice(1).map((record) => record[6]);
    expect(eventIds).toEqual(["evt_csv4", "evt_csv3", "evt_csv2", "evt_csv1", "evt_csv0"]);
    expect(records.every((record) => record.length === records[0]!.length)).toBe(true);
  });

  it("escapes quotes, commas and line breaks so each event stays one record", async () => {
    const records = parseCsv((await readChunks(exportEventsCsv(scope, { status: "exhausted" }))).join(""));
    expect(records).toHaveLength(2);
    const header = records[0]!;
    const row = Object.fromEntries(header.map((name, index) => [name, records[1]![index]]));
    expect(row).toMatchObject({
      stripe_event_id: "evt_csv0",
      status: "exhausted",
      attempts: "1",
      last_status_code: "400",
      last_error: 'impact.com rejected the request (400): "OrderId", bad\nsecond line',
      mode: "test",
    });
  });

  it("names every status and gives impact.com's ErrorType and ErrorReason of a rejected submission", async () => {
    const { integration } = await createTestIntegration();
    const own: EventScope = { role: "brand", accountId: integration.accountId };
    const outcomes = ["sent", "rejected", "unknown", "delivered"] as const;
    for (const [minute, outcome] of outcomes.entries()) {
      await createTestEvent(integration, {
        receivedAt: new Date(Date.UTC(2026, 10, 23, 8, minute)),
        stripeEventId: `evt_${outcome}`,
        outcome,
        ...(outcome === "rejected"
          ? { impactErrorType: "Validation", impactErrorReason: "ACTIONTRACKER_NOT_FOUND" }
          : {}),
      });
    }
    const [header, ...records] = parseCsv((await readChunks(exportEventsCsv(own, {}))).join(""));
    const rows = records.map((record) => Object.fromEntries(header!.map((name, index) => [name, record[index]])));
    expect(
      rows.map((row) => [
        row.stripe_event_id,
        row.status,
        row.status_label,
        row.impact_error_type,
        row.impact_error_reason,
      ]),
    ).toEqual([
      ["evt_delivered", "delivered", "Delivered", "", ""],
      ["evt_unknown", "unknown", "Outcome unknown — check in impact.com", "", ""],
      ["evt_rejected", "rejected", "Rejected by impact.com", "Validation", "ACTIONTRACKER_NOT_FOUND"],
      ["evt_sent", "sent", "Sent — awaiting impact.com", "", ""],
    ]);
    expect(header!.slice(header!.indexOf("status"), header!.indexOf("status") + 2)).toEqual(["status", "status_label"]);
    expect(header!.slice(header!.indexOf("last_error") + 1, header!.indexOf("last_error") + 3)).toEqual([
      "impact_error_type",
      "impact_error_reason",
    ]);
  });

  it("writes just the header when nothing matches", async () => {
    expect(await readChunks(exportEventsCsv(scope, { q: "nothing" }))).toEqual([
      expect.stringMatching(/^"received_at",.*"event_id"\r\n$/),
    ]);
  });
});
