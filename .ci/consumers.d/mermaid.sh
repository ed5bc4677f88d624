#!/usr/bin/env bash
# Mermaid itself (its parser, run headless under jsdom) for tests/export_mermaid.rs.
# Installs into $PETA_MERMAID_DIR (default /opt/peta-consumers/mermaid); does nothing when
# it is already there.
set -euo pipefail
dir="${PETA_MERMAID_DIR:-/opt/peta-consumers/mermaid}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -f "$dir/node_modules/mermaid/dist/mermaid.core.mjs" ] \
  || [ ! -f "$dir/node_modules/jsdom/lib/api.js" ]; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --silent mermaid@11 jsdom@29 >/dev/null
fi
