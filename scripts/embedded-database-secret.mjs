// The embedded database's superuser password: generated once into .data/secrets.json (the file lib/env
// keeps the generated development secrets in, same flat JSON object), never a constant in the code.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What clusters created before the password was generated were initialised with. */
export const LEGACY_EMBEDDED_DB_PASSWORD = "portal-embedded";
export const EMBEDDED_DB_PASSWORD_KEY = "EMBEDDED_DB_PASSWORD";

/**
 * Writes JSON readable by the owner only. A fresh file renamed over the old one, so the mode holds even
 * when an older, world-readable file was there (writeFileSync's mode applies only when it creates a file)
 * and a reader never sees half a file.
 */
export function writePrivateJson(file, value) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readJsonObject(file) {
  if (!existsSync(file)) return {};
  const value = JSON.parse(readFileSync(file, "utf8"));
  return value && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/**
 * The stored password, or a new one stored before anything uses it (so a crash can never leave a cluster
 * with a password nobody kept). Other secrets in the file are kept as they are.
 */
export function readOrCreateEmbeddedDbPassword(secretsFile) {
  const secrets = readJsonObject(secretsFile);
  const stored = secrets[EMBEDDED_DB_PASSWORD_KEY];
  if (typeof stored === "string" && stored.length >= 16) return stored;
  const password = randomBytes(24).toString("base64url");
  writePrivateJson(secretsFile, { ...secrets, [EMBEDDED_DB_PASSWORD_KEY]: password });
  return password;
}
