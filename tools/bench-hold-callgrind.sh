#!/usr/bin/env bash
# Instructions per hold under callgrind, for the kernel queue and the std::priority_queue baseline.
# Runs `bench_hold --impl X --q Q --holds M` for two values of M (same warm-up) and divides the
# difference in instructions by the difference in holds, which cancels setup and warm-up.
# Prints JSON on stdout.
#   tools/bench-hold-callgrind.sh [build_dir] [Q] [M1] [M2]
set -euo pipefail

build_dir=${1:-build/release}
q=${2:-100000}
m1=${3:-200000}
m2=${4:-600000}
warmup=500000
bench="$build_dir/bench/bench_hold"

command -v valgrind >/dev/null || { echo "bench-hold-callgrind: valgrind not found" >&2; exit 2; }
[[ -x $bench ]] || { echo "bench-hold-callgrind: $bench not built (cmake --build --preset release)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

instructions() {  # impl holds
  local out="$work/$1.$2.out"
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$bench" --impl "$1" --q "$q" --holds "$2" --warmup "$warmup" >/dev/null 2>"$work/log"
  awk '/^(summary|totals):/ { print $2; exit }' "$out"
}

entries=()
for impl in ladder reference; do
  i1=$(instructions "$impl" "$m1")
  i2=$(instructions "$impl" "$m2")
  per_hold=$(awk -v a="$i1" -v b="$i2" -v m1="$m1" -v m2="$m2" 'BEGIN { printf "%.1f", (b - a) / (m2 - m1) }')
  entries+=("    \"$impl\": {\"instructions_per_hold\": $per_hold, \"instructions\": [$i1, $i2]}")
done

ratio=$(awk -v l="${entries[0]}" -v r="${entries[1]}" 'BEGIN {
  match(l, /hold": [0-9.]+/); a = substr(l, RSTART + 6, RLENGTH - 6)
  match(r, /hold": [0-9.]+/); b = substr(r, RSTART + 6, RLENGTH - 6)
  printf "%.2f", b / a }')

printf '{\n  "benchmark": "hold_callgrind",\n  "q": %s,\n  "warmup_holds": %s,\n  "holds": [%s, %s],\n  "implementations": {\n%s,\n%s\n  },\n  "baseline_over_kernel": %s\n}\n' \
  "$q" "$warmup" "$m1" "$m2" "${entries[0]}" "${entries[1]}" "$ratio"
