#!/usr/bin/env bash
# Installs the real consumers of peta's export formats, one script per consumer in
# .ci/consumers.d/. Tests that use a consumer require it when PETA_REQUIRE_CONSUMERS=1
# (set by .ci/run) and say they skipped it otherwise.
set -euo pipefail
cd "$(dirname "$0")"
for script in consumers.d/*.sh; do
  [ -e "$script" ] || continue
  echo "consumers: $script"
  bash "$script"
done
