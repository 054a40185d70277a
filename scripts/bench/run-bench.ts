// `npm run bench` — intake throughput/latency against a bare baseline, end-to-end latency (worker in the web
// process, and in an `npm run worker` process), delivery capacity (conversions per second at saturation, one
// process and web + 1 or 2 workers), and the delivery-log queries over a million events. Prints a table,
// writes bench-results/latest.json.
//   npm run bench [-- --build] [--only intake,e2e,capacity,log] [--rate 150] [--seconds 20] [--e2e-rate 25]
//                 [--capacity-conversions 2000]
// Builds the portal first when .next has no production build (always with --build).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchDeliveryCapacity } from "@/scripts/bench/bench-delivery-capacity";
import { benchEndToEnd } from "@/scripts/bench/bench-end-to-end";
import { benchIntake } from "@/scripts/bench/bench-intake";
import { benchLogQueries } from "@/scripts/bench/bench-log-queries";
import type { BenchReport } from "@/scripts/bench/bench-report";
import { printReport } from "@/scripts/bench/print-report";
import { ensurePortalBuilt } from "@/testing/harness/portal-process";

const { values } = parseArgs({
  options: {
    build: { type: "boolean", default: false },
    only: { type: "string", default: "intake,e2e,capacity,log" },
    rate: { type: "string", default: "150" },
    seconds: { type: "string", default: "20" },
    connections: { type: "string", default: "32" },
    "e2e-rate": { type: "string", default: "25" },
    "e2e-seconds": { type: "string", default: "20" },
    runs: { type: "string", default: "7" },
    "capacity-conversions": { type: "string", default: "2000" },
  },
});

async function main() {
  const started = Date.now();
  const phases = new Set(values.only.split(","));
  const logDir = path.resolve("bench-results/logs");
  mkdirSync(logDir, { recursive: true });
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
    },
    seconds: 0,
  };
  if (phases.has("intake") || phases.has("e2e") || phases.has("capacity"))
    report.build = ensurePortalBuilt({ force: values.build });
  if (phases.has("intake")) {
    console.log("▶ intake: portal vs baseline");
    report.intake = await benchIntake({
      rate: Number(values.rate),
      seconds: Number(values.seconds),
      connections: Number(values.connections),
      logDir,
    });
  }
  if (phases.has("e2e")) {
    console.log("▶ end to end: webhook → impact.com conversion");
    report.endToEnd = await benchEndToEnd({
      rate: Number(values["e2e-rate"]),
      seconds: Number(values["e2e-seconds"]),
      logDir,
    });
    console.log("▶ end to end with the worker in its own process (LOCAL_WORKER=off + npm run worker)");
    report.endToEndWorkerProcess = await benchEndToEnd({
      rate: Number(values["e2e-rate"]),
      seconds: Number(values["e2e-seconds"]),
      logDir,
      workerProcesses: 1,
    });
  }
  if (phases.has("capacity")) {
    console.log("▶ delivery capacity: conversions per second at saturation");
    report.capacity = await benchDeliveryCapacity({ conversions: Number(values["capacity-conversions"]), logDir });
  }
  if (phases.has("log")) {
    console.log("▶ delivery-log queries over 1,000,000 events");
    report.logQueries = await benchLogQueries({ runs: Number(values.runs) });
  }
  report.seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync("bench-results/latest.json", `${JSON.stringify(report, null, 2)}\n`);
  printReport(report);
  console.log(`\nwritten bench-results/latest.json (${report.seconds} s)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
