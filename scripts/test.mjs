// `npm test`: every test, in the order that fails fastest — lint and format, types, unit and
// integration (Vitest, real PostgreSQL), then the production build and the
// browser tests (Playwright, real Chromium) against it.
import { spawnSync } from "node:child_process";
import path from "node:path";

const bin = (name) => path.resolve("node_modules/.bin", name);
const steps = [
  ["lint + format", bin("biome"), ["check", "."]],
  ["typecheck", bin("tsc"), ["--noEmit", "-p", "."]],
  ["unit + integration", bin("vitest"), ["run"]],
  ["build", bin("next"), ["build"]],
  ["browser", bin("playwright"), ["test"]],
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${path.basename(command)} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log("\n✔ all tests passed");
