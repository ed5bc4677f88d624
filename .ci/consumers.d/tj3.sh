#!/usr/bin/env bash
# TaskJuggler 3 (tj3) schedules the `peta export --format tjp` output in tests/export_tjp.rs.
set -euo pipefail
if ! command -v tj3 >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tj3 >/dev/null
fi
