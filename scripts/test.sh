#!/usr/bin/env bash
# `npm test`: the whole suite — lint, types, unit and database tests, the production build,
# and the browser tests. With DATABASE_URL set, database and browser tests use that PostgreSQL
# server (each in databases of their own); without it, embedded PGlite.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-reports
rm -f test-reports/checks.json test-reports/vitest.json test-reports/playwright.json
checks_failed=0
bash scripts/ensure-system-packages.sh || echo "(the PDF and browser tests need those packages and will fail without them)"
echo "== lint"
npx eslint . || checks_failed=$((checks_failed + 1))
echo "== typecheck"
npx tsc --noEmit || checks_failed=$((checks_failed + 1))
if [ -n "${DATABASE_URL:-}" ]; then driver=PostgreSQL; else driver=PGlite; fi
echo "== unit and database tests (on $driver)"
npx vitest run --reporter=default --reporter=json --outputFile=test-reports/vitest.json
echo "== production build"
# Without a build the browser tests cannot run; their missing report counts as a failure.
if npx next build; then
  echo "== browser tests"
  bash scripts/e2e.sh
fi
# Lint and the type check count as one check each in the totals.
echo "{\"numPassedTests\": $((2 - checks_failed)), \"numFailedTests\": $checks_failed, \"numPendingTests\": 0}" > test-reports/checks.json
node scripts/test-summary.mjs test-reports/checks.json test-reports/vitest.json test-reports/playwright.json
