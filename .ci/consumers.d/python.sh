#!/usr/bin/env bash
# Python consumers of peta's exports: icalendar (RFC 5545 parser) for the ICS export, and MPXJ
# (the Java project-file library, through JPype on the machine's Java 17) for the MSPDI export.
# Idempotent: pip skips what is installed already.
set -euo pipefail
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore icalendar mpxj JPype1
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
python3 -c 'import icalendar, mpxj, jpype'
