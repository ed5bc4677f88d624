#!/usr/bin/env bash
# Headless Chromium renders the `peta export --format html` page (screenshot and PDF) in
# tests/export_html.rs.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
