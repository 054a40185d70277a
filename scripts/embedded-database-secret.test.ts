// The embedded database's password is generated once, kept beside the dev secrets, and owner-only on disk.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  LEGACY_EMBEDDED_DB_PASSWORD,
  readOrCreateEmbeddedDbPassword,
  writePrivateJson,
} from "@/scripts/embedded-database-secret.mjs";

const mode = (file: string) => statSync(file).mode & 0o777;

describe("readOrCreateEmbeddedDbPassword", () => {
  it("generates a random password once, stores it owner-only and returns the same one afterwards", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "embedded-db-secret-"));
    const secretsFile = path.join(dir, ".data", "secrets.json");
    const first = readOrCreateEmbeddedDbPassword(secretsFile);
    expect(first).not.toBe(LEGACY_EMBEDDED_DB_PASSWORD);
    expect(first.length).toBeGreaterThanOrEqual(24);
    expect(mode(secretsFile)).toBe(0o600);
    expect(readOrCreateEmbeddedDbPassword(secretsFile)).toBe(first);
    const other = mkdtempSync(path.join(tmpdir(), "embedded-db-secret-"));
    expect(readOrCreateEmbeddedDbPassword(path.join(other, "secrets.json"))).not.toBe(first);
  });

  it("keeps the development secrets already in the file and tightens a world-readable file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "embedded-db-secret-"));
    const secretsFile = path.join(dir, "secrets.json");
    writeFileSync(secretsFile, JSON.stringify({ AUTH_SECRET: "a".repeat(43), ENCRYPTION_KEY: "k" }), { mode: 0o644 });
    const password = readOrCreateEmbeddedDbPassword(secretsFile);
    expect(JSON.parse(readFileSync(secretsFile, "utf8"))).toEqual({
      AUTH_SECRET: "a".repeat(43),
      ENCRYPTION_KEY: "k",
      EMBEDDED_DB_PASSWORD: password,
    });
    expect(mode(secretsFile)).toBe(0o600);
  });
});

describe("writePrivateJson", () => {
  it("replaces an existing world-readable file with an owner-only one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "embedded-db-secret-"));
    const file = path.join(dir, "embedded-db.json");
    writeFileSync(file, "{}", { mode: 0o644 });
    writePrivateJson(file, { url: "postgresql://postgres:secret@127.0.0.1:1/portal" });
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ url: "postgresql://postgres:secret@127.0.0.1:1/portal" });
  });
});
