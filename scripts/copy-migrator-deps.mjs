// Docker build step: copies what `prisma migrate deploy` needs at start (the Prisma CLI, the config's pg
// adapter and their dependencies, resolved as Node would) out of the lockfile-installed node_modules, so
// the image's final stage carries the migrator without the whole dependency tree.
//   node scripts/copy-migrator-deps.mjs <target dir>   → <target dir>/node_modules/…
import { cpSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOTS = ["prisma", "@prisma/adapter-pg", "pg"];
const target = process.argv[2];
if (!target) {
  console.error("usage: node scripts/copy-migrator-deps.mjs <target dir>");
  process.exit(1);
}

const root = process.cwd();

/** The directory Node would load `name` from when required by a file in `fromDir`. */
function resolvePackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
  }
}

const seen = new Set();
const queue = ROOTS.map((name) => ({ name, fromDir: root, optional: false }));
while (queue.length > 0) {
  const { name, fromDir, optional } = queue.shift();
  const dir = resolvePackageDir(name, fromDir);
  if (!dir) {
    if (optional) continue;
    throw new Error(`${name} (needed from ${path.relative(root, fromDir) || "."}) is not installed`);
  }
  if (seen.has(dir)) continue;
  seen.add(dir);
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    queue.push({ name: dependency, fromDir: dir, optional: false });
  }
  for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) {
    queue.push({ name: dependency, fromDir: dir, optional: true });
  }
}

for (const dir of seen) {
  // A package's own node_modules holds nested versions, copied on their own when something needs them.
  const nested = path.join(dir, "node_modules");
  cpSync(dir, path.join(target, path.relative(root, dir)), {
    recursive: true,
    dereference: true,
    filter: (source) => source !== nested,
  });
}
console.log(`copied ${seen.size} packages for prisma migrate deploy into ${target}`);
