// Where a process's CPU went, from the V8 profiles `BENCH_CPU_PROFILE_DIR=… npm run bench` writes: self time
// by part (Prisma, Next, pg, Stripe's SDK, Node's own, garbage collection, idle …) and the hottest functions.
//   npx tsx scripts/bench/summarize-cpu-profile.ts /tmp/profiles/CPU.….cpuprofile [--top 20] [--within proxy …]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** First match wins: a frame's part, by its script's path or V8's pseudo-frames. */
const PARTS: [string, (frame: ProfileNode["callFrame"]) => boolean][] = [
  ["idle", (frame) => frame.functionName === "(idle)"],
  ["garbage collection", (frame) => frame.functionName === "(garbage collector)"],
  ["native (program)", (frame) => frame.functionName === "(program)"],
  [
    "socket writes (native)",
    (frame) => !frame.url && /^(writev|writeUtf8String|writeBuffer|writeLatin1String)$/.test(frame.functionName),
  ],
  ["promise jobs (native)", (frame) => !frame.url && frame.functionName === "runMicrotasks"],
  ["V8 / Node native", (frame) => !frame.url],
  ["Prisma client + query compiler", (frame) => /@prisma|prisma[/\\]client|query_compiler|\.wasm/.test(frame.url)],
  ["pg driver", (frame) => /node_modules[/\\](pg|pg-protocol|pg-pool|pg-types)[/\\]/.test(frame.url)],
  ["Stripe SDK", (frame) => /node_modules[/\\]stripe[/\\]/.test(frame.url)],
  ["pino logging", (frame) => /node_modules[/\\](pino|thread-stream|sonic-boom)/.test(frame.url)],
  ["zod", (frame) => /node_modules[/\\]zod[/\\]/.test(frame.url)],
  ["Next.js server", (frame) => /next[/\\]dist|\.next[/\\]server[/\\](chunks[/\\]ssr|app-paths|pages)/.test(frame.url)],
  ["portal code (bundled)", (frame) => /\.next[/\\]server/.test(frame.url)],
  ["portal code (source)", (frame) => /[/\\](lib|scripts|app|inngest)[/\\].*\.ts$/.test(frame.url)],
  ["Node: network and streams", (frame) => /node:(net|_http|http|https|stream|internal\/streams|tls)/.test(frame.url)],
  ["Node: fetch Request/Response (undici)", (frame) => frame.url.includes("undici")],
  ["Node: async hooks (AsyncLocalStorage)", (frame) => /async_hooks/.test(frame.url)],
  ["Node: other built-ins", (frame) => frame.url.startsWith("node:")],
  ["tsx / other node_modules", (frame) => frame.url.includes("node_modules")],
  ["other", () => true],
];

function partOf(frame: ProfileNode["callFrame"]): string {
  return PARTS.find(([, matches]) => matches(frame))![0];
}

/** Self time of every sample whose stack holds a frame matching `pattern` (by function name or script). */
function inclusiveMicros(profile: CpuProfile, pattern: RegExp): number {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const memo = new Map<number, boolean>();
  const holds = (id: number | undefined): boolean => {
    if (id === undefined) return false;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const { functionName, url } = nodes.get(id)!.callFrame;
    const result = pattern.test(`${functionName} ${url}`) || holds(parentOf.get(id));
    memo.set(id, result);
    return result;
  };
  return profile.samples.reduce((sum, id, index) => sum + (holds(id) ? (profile.timeDeltas[index] ?? 0) : 0), 0);
}

export function summarize(profile: CpuProfile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPart = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = nodes.get(id)!.callFrame;
    total += micros;
    const part = partOf(frame);
    byPart.set(part, (byPart.get(part) ?? 0) + micros);
    const where = frame.url.replace(/^.*node_modules[/\\]/, "").replace(/^.*[/\\](\.next|lib|app)[/\\]/, "$1/");
    const name = `${frame.functionName || "(anonymous)"}  ${where}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  });
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  const idle = byPart.get("idle") ?? 0;
  return { totalMs: total / 1000, busyMs: (total - idle) / 1000, parts: sorted(byPart), functions: sorted(byFunction) };
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string", default: "20" }, within: { type: "string", multiple: true, default: [] } },
  });
  for (const file of positionals) {
    const summary = summarize(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
    const share = (micros: number, of: number) => `${((100 * micros) / 1000 / of).toFixed(1)} %`;
    console.log(
      `${file}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.busyMs / 1000).toFixed(1)} s busy`,
    );
    console.log("| part | of all | of busy |\n|---|---|---|");
    for (const [part, micros] of summary.parts) {
      const ofBusy = part === "idle" ? "–" : share(micros, summary.busyMs);
      console.log(`| ${part} | ${share(micros, summary.totalMs)} | ${ofBusy} |`);
    }
    // --within proxy: the share of busy time spent inside frames matching the pattern (callees included).
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    for (const pattern of values.within) {
      console.log(
        `within /${pattern}/: ${share(inclusiveMicros(profile, new RegExp(pattern)), summary.busyMs)} of busy`,
      );
    }
    console.log(`\nhottest ${values.top} functions (self time, of busy):`);
    for (const [name, micros] of summary.functions.slice(0, Number(values.top))) {
      console.log(`  ${share(micros, summary.busyMs).padStart(7)}  ${name}`);
    }
    console.log();
  }
}

main();
