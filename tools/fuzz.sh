#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang++-14, ASan + UBSan) and runs each for
# SECONDS (default 60), side by side. Fails on any crash, hang (-timeout=30 s; one input takes
# well under a second, a whole scenario included), sanitizer report or
# ill-formed error message; a failing input is kept as build/fuzz/artifacts/<target>/crash-*.
# Usage: tools/fuzz.sh [SECONDS]
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jobs="${MARKETSIM_FUZZ_JOBS:-2}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"$jobs"

bin="$root/build/fuzz/tests/fuzz"
work="$root/build/fuzz/run"
rm -rf "$work" && mkdir -p "$work"
seeds_of() {  # the seed corpus folders of a target
  case "$1" in
    fuzz_scenario) echo "$root/scenarios" ;;
    fuzz_values) echo "$root/tests/fuzz/corpus/values" ;;
    fuzz_sets) echo "$root/tests/fuzz/corpus/sets" ;;
  esac
}
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
pids=()
targets=(fuzz_scenario fuzz_values fuzz_sets)
for t in "${targets[@]}"; do
  mkdir -p "$work/$t/corpus" "$root/build/fuzz/artifacts/$t"
  # The first folder collects new inputs; the seed folders are only read.
  (cd "$work/$t" && "$bin/$t" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
     -max_len=4096 -print_final_stats=1 -artifact_prefix="$root/build/fuzz/artifacts/$t/" \
     corpus $(seeds_of "$t") >log.txt 2>&1) &
  pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
  t="${targets[$i]}"
  if wait "${pids[$i]}"; then
    echo "$t: ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t/log.txt" | grep -o '[0-9]*$') runs)"
  else
    status=1
    echo "$t: FAILED (log: $work/$t/log.txt)" >&2
    grep -E 'ERROR|SUMMARY|runtime error|fuzz check failed|bad error message|terminate|Test unit written' \
      "$work/$t/log.txt" | head -20 >&2 || true
  fi
done
exit "$status"
