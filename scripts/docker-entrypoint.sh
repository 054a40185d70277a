#!/bin/sh
# The image's entry point: apply the committed migrations to DATABASE_URL, then run the standalone server
# in this process (exec: it receives SIGTERM from `docker stop` directly). Paths are relative to this
# script (/app in the image), so e2e/standalone.spec.ts runs the same script on the same layout.
set -eu
app_dir=$(cd "$(dirname "$0")" && pwd)

if [ -z "${DATABASE_URL:-}" ]; then
  echo "DATABASE_URL is required: the image has no embedded database." >&2
  exit 1
fi

if [ "${SKIP_MIGRATIONS:-0}" != "1" ]; then
  # prisma.config.ts and the CLI's dependencies live in migrate/ (scripts/copy-migrator-deps.mjs).
  (cd "$app_dir/migrate" && node node_modules/prisma/build/index.js migrate deploy)
fi

exec node "$app_dir/server.js"
