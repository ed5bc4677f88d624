#!/usr/bin/env bash
# Whole-process wall time and peak memory, on this machine in one run:
#   peta schedule --json  vs  TaskJuggler tj3, on the same generated roadmaps (tjp export);
#   peta check / peta schedule --json  vs  a plain serde_json::Value parse (examples/parse_value.rs).
# Prints a table of medians, ratios and pass/fail checks and writes it, with the machine, to
# bench/RESULTS.md (replacing the part above the first "## " heading; sections below it stay).
# Settings (environment): SIZES="500 2000 10000", BIG=100000, RUNS=3, TJ3_RUNS (default RUNS,
# 1 at 10,000 items and more), TJ3_LIMIT=600 (seconds), NOTE="..." (a line for the results).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"500 2000 10000"}
BIG=${BIG:-100000}
RUNS=${RUNS:-3}
TJ3_LIMIT=${TJ3_LIMIT:-600}
NOTE=${NOTE:-}
# Generated roadmaps are one 2025-2032 programme whose forecast stays within mid-2033, inside
# tj3's 1970-2035: both tools get the very same file.
TODAY=2026-07-01

for tool in tj3 python3 /usr/bin/time timeout; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is needed (bash .ci/consumers.sh installs tj3)" >&2; exit 2; }
done
cargo build --release --quiet --bin peta --example parse_value
peta=$PWD/target/release/peta
parse=$PWD/target/release/examples/parse_value
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run: prints "SECONDS KILOBYTES" (wall time to the microsecond, peak resident memory);
# fails when the command fails or runs out of time.
measure() {
  local limit=$1 start end
  shift
  start=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$work/time" timeout "$limit" "$@" >"$work/out" 2>"$work/err" || return 1
  end=$EPOCHREALTIME
  echo "$(python3 -c "print(round($end - $start, 4))") $(tail -1 "$work/time")"
}

# Median of COUNT runs: prints "SECONDS KILOBYTES", or nothing when a run failed.
median_of() {
  local count=$1 limit=$2 runs=() i
  shift 2
  for ((i = 0; i < count; i++)); do
    runs+=("$(measure "$limit" "$@")") || return 0
  done
  printf '%s\n' "${runs[@]}" | python3 -c '
import sys, statistics
rows = [line.split() for line in sys.stdin if line.strip()]
print(statistics.median(float(r[0]) for r in rows), int(statistics.median(int(r[1]) for r in rows)))'
}

# The FS-only variant that tj3 and peta schedule alike: every link finish-to-start, leads
# dropped (lag 0 or more). The tjp export also expresses SS/FF/SF and leads (see README), but
# the check of identical finishes is made on FS-only projects.
fs_only() {
  python3 - "$1" "$2" <<'PY'
import json, sys
roadmap = json.load(open(sys.argv[1]))
for item in roadmap.get("items", []):
    links = []
    for link in item.get("depends_on", []):
        if isinstance(link, dict):
            lag = max(0, int(link.get("lag_days", 0)))
            link = {"id": link.get("id"), "type": "FS", "lag_days": lag} if lag else link.get("id")
        links.append(link)
    item["depends_on"] = links
json.dump(roadmap, open(sys.argv[2], "w"), ensure_ascii=False)
PY
}

rows=()
for n in $SIZES; do
  file=$work/gen-$n.json
  "$peta" generate --items "$n" --seed 1 -o "$work/raw-$n.json" >/dev/null
  fs_only "$work/raw-$n.json" "$file"
  "$peta" export --format tjp --today "$TODAY" -o "$work/gen-$n.tjp" "$file"
  "$peta" schedule --json --today "$TODAY" "$file" >"$work/sched-$n.json"
  read -r peta_s peta_kb <<<"$(median_of "$RUNS" 600 "$peta" schedule --json --today "$TODAY" "$file")"
  tj3_runs=${TJ3_RUNS:-$([ "$n" -ge 10000 ] && echo 1 || echo "$RUNS")}
  mkdir -p "$work/tj3-$n"
  tj3_result=$(cd "$work/tj3-$n" && median_of "$tj3_runs" "$TJ3_LIMIT" tj3 --silent --no-color -o "$work/tj3-$n" "$work/gen-$n.tjp")
  if [ -z "$tj3_result" ]; then
    rows+=("$n|$peta_s|$peta_kb|over ${TJ3_LIMIT} s or failed: skipped|||")
    continue
  fi
  read -r tj3_s tj3_kb <<<"$tj3_result"
  # Early finishes against tj3's task ends: tj3 prints the moment a task ends, the midnight
  # after its last day (a milestone: after its day), so compare day boundaries.
  same=$(python3 - "$work/sched-$n.json" "$work/tj3-$n/peta-dates.csv" <<'PY'
import csv, datetime, json, re, sys
peta = json.load(open(sys.argv[1]))
ends = {}
for row in csv.reader(open(sys.argv[2]), delimiter=";"):
    if len(row) >= 3 and row[2][:4].isdigit():
        ends[row[0].split(".")[-1]] = datetime.date.fromisoformat(row[2][:10])
match = total = 0
for item in peta["items"]:
    total += 1
    key = re.sub(r"[^A-Za-z0-9_]", "_", item["id"])
    finish = datetime.date.fromisoformat(item["early_finish"])
    match += ends.get(key) == finish + datetime.timedelta(days=1)
print(f"{match}/{total}")
PY
)
  rows+=("$n|$peta_s|$peta_kb|$tj3_s|$tj3_kb|$same|$tj3_runs")
done

big=$work/gen-$BIG.json
"$peta" generate --items "$BIG" --seed 1 -o "$big" >/dev/null
size_kb=$(( $(stat -c %s "$big") / 1024 ))
read -r check_s check_kb <<<"$(median_of "$RUNS" 600 "$peta" check "$big")"
read -r sched_s sched_kb <<<"$(median_of "$RUNS" 600 "$peta" schedule --json --today "$TODAY" "$big")"
read -r value_s value_kb <<<"$(median_of "$RUNS" 600 "$parse" "$big")"

report=$(python3 - "$BIG" "$size_kb" "$check_s" "$check_kb" "$sched_s" "$sched_kb" "$value_s" "$value_kb" "${rows[@]}" <<'PY'
import sys
big, size_kb = int(sys.argv[1]), int(sys.argv[2])
check_s, check_kb, sched_s, sched_kb, value_s, value_kb = sys.argv[3:9]
mb = lambda kb: f"{int(kb) / 1024:.0f} MB"
out = ["FS-only variants of `peta generate --seed 1` roadmaps (2025-2032 programme), today 2026-07-01:", "",
       "| items | peta schedule --json | peak | tj3 | peak | tj3 runs | tj3 / peta | early finishes = tj3 ends |",
       "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
checks = []
for row in sys.argv[9:]:
    n, ps, pk, ts, tk, same, runs = row.split("|")
    n = int(n)
    if tk:
        ratio = float(ts) / max(float(ps), 1e-6)
        out.append(f"| {n:,} | {float(ps) * 1e3:.1f} ms | {mb(pk)} | {float(ts):.2f} s | {mb(tk)} | {runs} | {ratio:.0f}x | {same} |")
        good, total = map(int, same.split("/"))
        checks.append(f"- {n:,} items: early finishes equal tj3's task ends: {same}: {'PASS' if good == total else 'FAIL'}")
        if n == 10000:
            checks.append(f"- 10,000 items: peta at least 500x faster than tj3: {ratio:.0f}x: {'PASS' if ratio >= 500 else 'FAIL'}")
    else:
        out.append(f"| {n:,} | {float(ps) * 1e3:.1f} ms | {mb(pk)} | {ts} | | | | |")
        checks.append(f"- {n:,} items: tj3 {ts}")
size_mb = size_kb / 1024
out += ["", f"{big:,} items, {size_mb:.1f} MB file, against a plain `serde_json::Value` parse of it (`examples/parse_value.rs`):", "",
        "| command | wall | vs Value parse | peak memory | vs file size |", "| --- | ---: | ---: | ---: | ---: |"]
for name, s, kb in [("peta check (load + validate)", check_s, check_kb),
                    ("peta schedule --json (load + validate + schedule + write)", sched_s, sched_kb),
                    ("serde_json Value parse", value_s, value_kb)]:
    out.append(f"| {name} | {float(s) * 1e3:.0f} ms | {float(s) / max(float(value_s), 1e-6):.2f}x | {mb(kb)} | {int(kb) / size_kb:.2f}x |")
ratio = int(sched_kb) / size_kb
checks.append(f"- {big:,} items: peak memory of load + validate + schedule (peta schedule --json) under 5x the file size: {ratio:.2f}x: {'PASS' if ratio < 5 else 'FAIL'}")
out += ["", "Checks:", ""] + checks
print("\n".join(out))
PY
)
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(uname -sr); tj3 $(tj3 --version 2>/dev/null | head -1 | awk '{print $NF}'); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
results=bench/RESULTS.md
rest=""
[ -f "$results" ] && rest=$(awk '/^## /{found=1} found' "$results")
{
  echo "# peta benchmark results"
  echo
  echo "Written by \`bash bench/compare.sh\` on $(date -u +%Y-%m-%d). Machine: $machine."
  echo "Whole-process wall time (medians of $RUNS runs unless said) and peak resident memory (\`/usr/bin/time\`)."
  [ -n "$NOTE" ] && { echo; echo "$NOTE"; }
  echo
  echo "$report"
  [ -n "$rest" ] && { echo; echo "$rest"; }
} >"$results.tmp"
mv "$results.tmp" "$results"
echo "$report"
echo "written to $results"
