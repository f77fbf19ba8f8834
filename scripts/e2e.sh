#!/usr/bin/env bash
# Browser tests against the production build, on a fresh database made for this run:
# a new PostgreSQL database when DATABASE_URL is set (dropped afterwards), else a temporary PGlite folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-system-packages.sh
[ -f .next/BUILD_ID ] || npx next build
if [ -n "${DATABASE_URL:-}" ]; then
  server_url="$DATABASE_URL"
  e2e_db="crm_e2e_$(date +%s)_$RANDOM"
  DATABASE_URL="$(node scripts/pg-database.mjs create "$server_url" "$e2e_db")"
  # The browser tests sign in with the demo accounts.
  export DATABASE_URL CRM_SEED=on
  trap 'node scripts/pg-database.mjs drop "$server_url" "$e2e_db"' EXIT
else
  CRM_DATA_DIR="$(mktemp -d)"
  export CRM_DATA_DIR
  trap 'rm -rf "$CRM_DATA_DIR"' EXIT
fi
npx playwright test "$@"
