#!/usr/bin/env bash
# git: tests/git_merge.rs and tests/diff.rs run peta as git's diff command and
# merge driver in temporary repositories.
set -euo pipefail
if ! command -v git >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git >/dev/null
fi
