// The bench's table on stdout, from the same report object that is written as JSON.

import { TARGET_MS } from "@/scripts/bench/bench-log-queries";
import type { BenchReport } from "@/scripts/bench/bench-report";

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [
    line(cells[0]!),
    `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`,
    ...cells.slice(1).map(line),
  ].join("\n");
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

const setupName = (workerProcesses: number) =>
  workerProcesses === 0 ? "one process" : `web + ${workerProcesses} × npm run worker`;

export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(
    `machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node}, load average at start ${m.loadAverage.join(" ")}`,
  );
  if (report.intake) {
    const { results, stored } = report.intake;
    out.push("", "Intake (signed invoice.paid webhooks, distinct event ids, real signatures)");
    out.push(
      table(
        ["server", "load", "requests", "2xx", "failed", "req/s", "p50 ms", "p99 ms", "max ms"],
        results.map((r) => [r.target, r.mode, r.requests, r.ok, r.failed, fixed(r.throughput), r.p50, r.p99, r.max]),
      ),
    );
    for (const mode of new Set(results.map((r) => r.mode))) {
      const portal = results.find((r) => r.target === "portal" && r.mode === mode);
      const baseline = results.find((r) => r.target === "baseline" && r.mode === mode);
      if (!portal || !baseline) continue;
      out.push(
        `portal/baseline at ${mode}: throughput ${fixed(portal.throughput / baseline.throughput, 2)}×, p50 ${fixed(portal.p50 / baseline.p50, 2)}×, p99 ${fixed(portal.p99 / baseline.p99, 2)}×`,
      );
    }
    const pressed = results.find((r) => r.target === "portal" && r.mode.includes("sign-ins/s"));
    const saturated = results.find((r) => r.target === "portal" && r.mode === "saturation");
    if (pressed && saturated && report.intake.underSignIns) {
      const { perSecond, attempted, byStatus } = report.intake.underSignIns;
      const answers = Object.entries(byStatus)
        .map(([status, n]) => `${n}× ${status}`)
        .join(", ");
      out.push(
        `portal under ${perSecond} junk sign-ins/s vs portal at saturation: throughput ${fixed(pressed.throughput / saturated.throughput, 2)}×, p99 ${fixed(pressed.p99 / saturated.p99, 2)}× (${attempted} sign-ins: ${answers})`,
      );
    }
    for (const [target, count] of Object.entries(stored)) {
      // Rows may exceed 2xx by the requests still in flight when a run's clock stopped; never the reverse.
      const verdict = count.rows >= count.acknowledged ? "every 2xx stored" : "LOST ACKNOWLEDGED EVENTS";
      out.push(`${target}: ${count.acknowledged} answered 2xx, ${count.rows} event rows stored (${verdict})`);
    }
  }
  const endToEnds = [report.endToEnd, report.endToEndWorkerProcess].filter((e) => e !== undefined);
  if (endToEnds.length > 0) {
    const { rate, seconds } = endToEnds[0]!;
    out.push(
      "",
      `End to end (webhook sent → conversion queued by the fake impact.com → delivery confirmed by reading its submission; local runner; ${rate} req/s for ${seconds} s)`,
    );
    out.push(
      table(
        ["set-up", "stage", "acknowledged", "orders", "duplicates", "p50 ms", "p90 ms", "p99 ms", "max ms"],
        endToEnds.flatMap((e) => {
          const c = e.confirmedLatency;
          const where = setupName(e.workerProcesses);
          return [
            [
              where,
              "queued by impact.com (sent)",
              e.acknowledged,
              e.converted,
              e.duplicates,
              e.p50,
              e.p90,
              e.p99,
              e.max,
            ],
            [
              where,
              `confirmed (delivered; poll ${e.pollDelay})`,
              e.acknowledged,
              e.confirmed,
              "–",
              c.p50,
              c.p90,
              c.p99,
              c.max,
            ],
          ];
        }),
      ),
    );
    const [inWeb, apart] = [report.endToEnd, report.endToEndWorkerProcess];
    if (inWeb && apart) {
      out.push(
        `worker process / one process, queued by impact.com: p50 ${fixed(apart.p50 / inWeb.p50, 2)}×, p99 ${fixed(apart.p99 / inWeb.p99, 2)}×`,
      );
    }
  }
  if (report.capacity) {
    const k = report.capacity;
    out.push(
      "",
      `Delivery capacity (${k.conversions} conversions stored at ${fixed(k.storedPerSecond)} req/s by a web process without a worker, then released at once; outcome reads after ${k.pollDelay} run meanwhile)`,
    );
    const oneProcess = k.results.find((r) => r.workerProcesses === 0);
    out.push(
      table(
        ["set-up", "conversions", "duplicates", "seconds", "conversions/s", "vs one process", "first after ms"],
        k.results.map((r) => [
          r.setup,
          r.conversions,
          r.duplicates,
          fixed(r.seconds),
          fixed(r.perSecond),
          oneProcess ? `${fixed(r.perSecond / oneProcess.perSecond, 2)}×` : "–",
          r.firstMs,
        ]),
      ),
    );
  }
  if (report.logQueries) {
    const l = report.logQueries;
    out.push(
      "",
      `Delivery log over ${l.events.toLocaleString("en")} events (${l.source}); account ${l.account} holds ${l.accountEvents.toLocaleString("en")}; server time, median of ${l.runs}`,
    );
    out.push(
      table(
        ["query", "median ms", "max ms", "rows", `≤ ${TARGET_MS} ms`, "plan"],
        l.results.map((r) => [
          r.name,
          fixed(r.medianMs, 2),
          fixed(r.maxMs, 2),
          r.rows,
          r.medianMs <= TARGET_MS ? "yes" : "NO",
          r.plan,
        ]),
      ),
    );
    if (l.findEvents) {
      out.push(
        "",
        `findEvents() from lib/server/events/find-events.ts, timed in-process (Prisma, adapter and round trips included), median of ${l.runs}`,
      );
      out.push(
        table(
          ["query", "median ms", "max ms", "rows", `≤ ${TARGET_MS} ms`],
          l.findEvents.map((r) => [
            r.name,
            fixed(r.medianMs, 2),
            fixed(r.maxMs, 2),
            r.rows,
            r.medianMs <= TARGET_MS ? "yes" : "NO",
          ]),
        ),
      );
    }
  }
  return out.join("\n");
}

export function printReport(report: BenchReport): void {
  console.log(`\n${formatReport(report)}`);
}
