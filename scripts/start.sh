#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the packages, then serves the rentals demo at
# http://localhost:8000/rentals. Its SQLite file, apps/rentals/rentals.sqlite, is created,
# migrated and seeded on the first start and reused afterwards.
# PORT, HOST (127.0.0.1), DATABASE_URL (a postgres:// URL instead of the file), RENTALS_SEED_SCALE (1).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing dependencies (npm ci; the first time SQLite's driver compiles, a few minutes)..."
  npm ci --no-audit --no-fund
fi
echo "Building the packages..."
npx turbo run build --log-prefix=none --output-logs=errors-only
# exec: Ctrl-C reaches the server itself, which closes its sockets and the database.
exec node --import tsx apps/rentals/src/main.ts
