#!/usr/bin/env bash
# Debian packages the tests use: Chromium for the browser tests (Playwright cannot download
# browsers here) and poppler-utils, whose pdftotext reads the PDFs the app makes.
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: run 'sudo apt-get install -y ${missing[*]}' (or set CHROMIUM_PATH)." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
