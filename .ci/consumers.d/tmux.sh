#!/usr/bin/env bash
# tmux: tests/tui_e2e.rs and tests/tui_reliability_e2e.rs drive the real binary in a pane.
set -euo pipefail
if ! command -v tmux >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null
fi
