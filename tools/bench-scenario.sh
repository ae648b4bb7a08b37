#!/usr/bin/env bash
# Whole-scenario benchmarks on the default scenario (every collector and the ledger on).
#   tools/bench-scenario.sh [--quick | --full] [--build DIR] [--out-dir DIR]
# Default: bench_scenario at 1e5 and 1e6 orders; --full adds 1e7; --quick (CI) runs 1e5 only.
# Then callgrind on two small runs (same arrival rate), differenced so setup and the
# warm-up cancel: instructions per order and per dispatched event, a figure that does not move
# with machine load. One JSON file per run in the output directory (default: a temporary one),
# and one JSON object with every run on stdout.
set -euo pipefail

build_dir=build/release
out_dir=
sizes=(100000 1000000)
cg_small=100000
cg_large=150000
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) sizes=(100000) ;;
    --full) sizes=(100000 1000000 10000000) ;;
    --build) build_dir=$2; shift ;;
    --out-dir) out_dir=$2; shift ;;
    *) echo "bench-scenario: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

bench="$build_dir/bench/bench_scenario"
[[ -x $bench ]] || { echo "bench-scenario: $bench not built (cmake --build --preset release)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "bench-scenario: valgrind not found" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[[ -n $out_dir ]] || out_dir="$work"
mkdir -p "$out_dir"

runs=()
for n in "${sizes[@]}"; do
  "$bench" --orders "$n" --out "$out_dir/scenario_$n.json" >/dev/null
  runs+=("$(cat "$out_dir/scenario_$n.json")")
done

field() {  # json-file key -> the number after "key":
  sed -n "s/.*\"$2\": \\([0-9.e+-]*\\).*/\\1/p" "$1"
}

callgrind() {  # orders -> total instructions; leaves the bench's JSON in $work/cg_<orders>.json
  local out="$work/cg_$1.out"
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$bench" --orders "$1" --out "$work/cg_$1.json" >/dev/null 2>"$work/cg_$1.log"
  awk '/^(summary|totals):/ { print $2; exit }' "$out"
}

i1=$(callgrind "$cg_small")
i2=$(callgrind "$cg_large")
o1=$(field "$work/cg_$cg_small.json" orders); o2=$(field "$work/cg_$cg_large.json" orders)
e1=$(field "$work/cg_$cg_small.json" events); e2=$(field "$work/cg_$cg_large.json" events)
cg=$(awk -v i1="$i1" -v i2="$i2" -v o1="$o1" -v o2="$o2" -v e1="$e1" -v e2="$e2" 'BEGIN {
  printf "{\"benchmark\": \"scenario_callgrind\", \"orders\": [%d, %d], \"events\": [%d, %d], ", o1, o2, e1, e2
  printf "\"instructions\": [%d, %d], ", i1, i2
  printf "\"instructions_per_order\": %.1f, \"instructions_per_event\": %.1f, ", (i2 - i1) / (o2 - o1), (i2 - i1) / (e2 - e1)
  printf "\"instructions_per_event_whole_run\": %.1f}", i2 / e2 }')
echo "$cg" >"$out_dir/scenario_callgrind.json"

# The issue-8 targets, judged on this run's figures (reported, not enforced: see docs/performance.md).
ipe=$(field "$out_dir/scenario_callgrind.json" instructions_per_event)
worst_bytes=0
for n in "${sizes[@]}"; do
  b=$(field "$out_dir/scenario_$n.json" bytes_per_order_in_flight)
  worst_bytes=$(awk -v a="$worst_bytes" -v b="$b" 'BEGIN { print (b > a ? b : a) }')
done
rss_ratio=null
if [[ -f $out_dir/scenario_1000000.json && -f $out_dir/scenario_10000000.json ]]; then
  rss_ratio=$(awk -v a="$(field "$out_dir/scenario_1000000.json" peak_rss_bytes)" \
    -v b="$(field "$out_dir/scenario_10000000.json" peak_rss_bytes)" 'BEGIN { printf "%.3f", b / a }')
fi
targets=$(awk -v ipe="$ipe" -v bytes="$worst_bytes" -v rss="$rss_ratio" 'BEGIN {
  printf "{\"instructions_per_event\": {\"value\": %s, \"limit\": 1000, \"met\": %s}, ", ipe, (ipe <= 1000 ? "true" : "false")
  printf "\"bytes_per_order_in_flight\": {\"value\": %s, \"limit\": 256, \"met\": %s}", bytes, (bytes <= 256 ? "true" : "false")
  if (rss != "null") printf ", \"peak_rss_1e7_over_1e6\": {\"value\": %s, \"limit\": 1.1, \"met\": %s}", rss, (rss <= 1.1 ? "true" : "false")
  printf "}" }')

{
  printf '{\n  "benchmark": "scenario_suite",\n  "runs": [\n'
  for i in "${!runs[@]}"; do
    sep=,; [[ $i -eq $((${#runs[@]} - 1)) ]] && sep=
    printf '    %s%s\n' "${runs[$i]}" "$sep"
  done
  printf '  ],\n  "callgrind": %s,\n  "targets": %s\n}\n' "$cg" "$targets"
} | tee "$out_dir/scenario_suite.json"
