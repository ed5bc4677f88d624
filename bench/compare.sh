#!/usr/bin/env bash
# Whole-process wall time and peak memory, on this machine in one run:
#   peta schedule --json  vs  TaskJuggler tj3, on the same generated roadmaps (tjp export);
#   peta check            vs  a plain serde_json::Value parse (examples/parse_value.rs).
# Prints a table of medians and ratios and writes it, with the machine, to bench/RESULTS.md.
# Settings (environment): SIZES="500 2000 10000", BIG=100000, RUNS=3, TJ3_LIMIT=600 (seconds).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"500 2000 10000"}
BIG=${BIG:-100000}
RUNS=${RUNS:-3}
TJ3_LIMIT=${TJ3_LIMIT:-600}
# tj3 only knows the years 1970-2035 and generated roadmaps forecast past 2035, so both tools
# get the same roadmap moved 28 years earlier: between 1901 and 2099 the calendar repeats every
# 28 years (weekdays and leap days alike), so every duration and lag stays the same.
SHIFT_YEARS=28
TODAY=1998-07-01

for tool in tj3 python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is needed (bash .ci/consumers.sh installs tj3)" >&2; exit 2; }
done
cargo build --release --quiet --bin peta --example parse_value
peta=$PWD/target/release/peta
parse=$PWD/target/release/examples/parse_value
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One run: prints "SECONDS KILOBYTES"; fails when the command fails or runs out of time.
measure() {
  local limit=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" timeout "$limit" "$@" >"$work/out" 2>"$work/err" || return 1
  cat "$work/time"
}

# Median of RUNS runs: prints "SECONDS KILOBYTES", or nothing when a run failed.
median_of() {
  local limit=$1 runs=() i
  shift
  for ((i = 0; i < RUNS; i++)); do
    runs+=("$(measure "$limit" "$@")") || return 0
  done
  printf '%s\n' "${runs[@]}" | python3 -c '
import sys, statistics
rows = [line.split() for line in sys.stdin if line.strip()]
print(statistics.median(float(r[0]) for r in rows), int(statistics.median(int(r[1]) for r in rows)))'
}

# Copies a roadmap with every date and year SHIFT_YEARS earlier, and every link made
# finish-to-start with a lag of 0 or more: the FS-only variant that tj3 expresses exactly (the
# tjp export approximates long chains of leads; see README).
shift_years() {
  python3 - "$1" "$2" "$SHIFT_YEARS" <<'PY'
import json, re, sys
source, target, shift = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(source).read()
text = re.sub(r'"(\d{4})-(\d\d-\d\d)"', lambda m: f'"{int(m.group(1)) - shift}-{m.group(2)}"', text)
text = re.sub(r'"year": (\d{4})', lambda m: f'"year": {int(m.group(1)) - shift}', text)
text = re.sub(r'"(\d{4})": ', lambda m: f'"{int(m.group(1)) - shift}": ', text)
roadmap = json.loads(text)
for item in roadmap.get("items", []):
    links = []
    for link in item.get("depends_on", []):
        if isinstance(link, dict):
            lag = max(0, int(link.get("lag_days", 0)))
            link = {"id": link.get("id"), "type": "FS", "lag_days": lag} if lag else link.get("id")
        links.append(link)
    item["depends_on"] = links
json.dump(roadmap, open(target, "w"), ensure_ascii=False)
PY
}

rows=()
for n in $SIZES; do
  file=$work/gen-$n.json
  "$peta" generate --items "$n" --seed 1 -o "$work/raw-$n.json" >/dev/null
  shift_years "$work/raw-$n.json" "$file"
  "$peta" export --format tjp --today "$TODAY" -o "$work/gen-$n.tjp" "$file"
  read -r peta_s peta_kb <<<"$(median_of 600 "$peta" schedule --json --today "$TODAY" "$file")"
  "$peta" schedule --json --today "$TODAY" "$file" >"$work/sched-$n.json" || true
  mkdir -p "$work/tj3-$n"
  tj3_result=$(cd "$work/tj3-$n" && median_of "$TJ3_LIMIT" tj3 --silent --no-color -o "$work/tj3-$n" "$work/gen-$n.tjp")
  if [ -z "$tj3_result" ]; then
    rows+=("$n|$peta_s|$peta_kb|failed or over ${TJ3_LIMIT} s: skipped||")
    continue
  fi
  read -r tj3_s tj3_kb <<<"$tj3_result"
  # Early finishes against tj3's task ends (tj3 prints the midnight after the last day).
  same=$(python3 - "$work/sched-$n.json" "$work/tj3-$n/peta-dates.csv" <<'PY'
import csv, datetime, json, re, sys
peta = json.load(open(sys.argv[1]))
ends = {}
for row in csv.reader(open(sys.argv[2]), delimiter=";"):
    if len(row) >= 3 and row[2][:4].isdigit():
        ends[row[0].split(".")[-1]] = datetime.date.fromisoformat(row[2][:10])
match = total = 0
for item in peta["items"]:
    key = re.sub(r"[^A-Za-z0-9_]", "_", item["id"])
    if key not in ends:
        continue
    total += 1
    finish = datetime.date.fromisoformat(item["early_finish"])
    start = datetime.date.fromisoformat(item["early_start"])
    # A milestone ends at the end of its day; a task the midnight after its last day.
    match += ends[key] == finish + datetime.timedelta(days=1) or (finish == start and ends[key] == finish + datetime.timedelta(days=1))
print(f"{match}/{total}")
PY
)
  rows+=("$n|$peta_s|$peta_kb|$tj3_s|$tj3_kb|$same")
done

big=$work/gen-$BIG.json
"$peta" generate --items "$BIG" --seed 1 -o "$big" >/dev/null
size_mb=$(python3 -c "import os,sys; print(round(os.path.getsize(sys.argv[1]) / 1e6, 1))" "$big")
read -r check_s check_kb <<<"$(median_of 600 "$peta" check "$big")"
read -r value_s value_kb <<<"$(median_of 600 "$parse" "$big")"

report=$(python3 - "$check_s" "$check_kb" "$value_s" "$value_kb" "$BIG" "$size_mb" "${rows[@]}" <<'PY'
import sys
check_s, check_kb, value_s, value_kb, big, size_mb = sys.argv[1:7]
out = ["FS-only variants of `peta generate` roadmaps (seed 1), moved 28 years earlier for tj3's 1970-2035 range:", "",
       "| items | peta schedule --json | peak | tj3 | peak | tj3 / peta | early finishes = tj3 ends |",
       "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
for row in sys.argv[7:]:
    n, ps, pk, ts, tk, same = row.split("|")
    if tk:
        ratio = f"{float(ts) / max(float(ps), 0.001):.0f}x"
        out.append(f"| {int(n):,} | {float(ps):.3f} s | {int(pk) // 1024} MB | {float(ts):.2f} s | {int(tk) // 1024} MB | {ratio} | {same} |")
    else:
        out.append(f"| {int(n):,} | {float(ps):.3f} s | {int(pk) // 1024} MB | {ts} | | | |")
out += ["", f"`peta check` vs `serde_json::Value` parse, {int(big):,} items ({size_mb} MB file):", "",
        "| command | wall | peak memory |", "| --- | ---: | ---: |",
        f"| peta check | {float(check_s):.2f} s | {int(check_kb) // 1024} MB |",
        f"| serde_json Value parse | {float(value_s):.2f} s | {int(value_kb) // 1024} MB |",
        f"| ratio | {float(check_s) / max(float(value_s), 0.001):.2f}x | {int(check_kb) / max(int(value_kb), 1):.2f}x |"]
print("\n".join(out))
PY
)
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(uname -sr); tj3 $(tj3 --version 2>/dev/null | head -1 | awk '{print $NF}'); medians of $RUNS runs"
{
  echo "# peta benchmark results"
  echo
  echo "Written by \`bash bench/compare.sh\` on $(date -u +%Y-%m-%d). Machine: $machine."
  echo "Whole-process wall time and peak resident memory from \`/usr/bin/time\`."
  echo
  echo "$report"
} >bench/RESULTS.md
echo "$report"
echo "written to bench/RESULTS.md"
