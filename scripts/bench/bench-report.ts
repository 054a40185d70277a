// The shape of one `npm run bench` run: printed as a table (print-report.ts) and written as JSON (run-bench.ts).
import type { CapacityReport } from "@/scripts/bench/bench-delivery-capacity";
import type { EndToEndReport } from "@/scripts/bench/bench-end-to-end";
import type { IntakeReport } from "@/scripts/bench/bench-intake";
import type { LogQueryReport } from "@/scripts/bench/bench-log-queries";

export type BenchReport = {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverage: number[] };
  build?: { built: boolean; seconds: number };
  intake?: IntakeReport;
  endToEnd?: EndToEndReport;
  /** The same run with LOCAL_WORKER=off and one `npm run worker` process. */
  endToEndWorkerProcess?: EndToEndReport;
  capacity?: CapacityReport;
  logQueries?: LogQueryReport;
  seconds: number;
};
