#!/usr/bin/env bash
# Runs every test: installs what is missing (node modules; Debian's Chromium once browser
# tests exist), makes sure Redis answers (starting it if it is local and down), then
# lint + type-check + build + tests of every package through turbo.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ -n "$(find e2e -name '*.spec.ts' -o -name '*.test.ts' 2>/dev/null | head -n 1)" ] && ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

bash scripts/ensure-redis.sh

# Two tasks at a time on this two-core machine: the browser and socket tests time real events,
# and a dozen suites at once starve them.
npx turbo run lint build test --concurrency=2 --log-prefix=none --output-logs=full
