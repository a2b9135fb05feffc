#!/usr/bin/env bash
# Starts the demo: installs and builds what is missing, then serves it and prints its URL.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx turbo run build --log-prefix=none --output-logs=errors-only
exec node scripts/demo/server.mjs
