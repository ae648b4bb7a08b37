#!/usr/bin/env bash
# tools/bench-compare on hand-made results: a planted 20% slowdown (and 20% more RSS, 20% more
# instructions) must fail at the default 10% threshold; an improvement, noise under the
# threshold and a looser threshold must pass; bad input exits 2.
#   tests/tools/bench_compare_test.sh path/to/bench-compare
set -uo pipefail
compare=${1:?usage: bench_compare_test.sh path/to/bench-compare}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

suite() {  # file orders_per_s instructions_per_event peak_rss_bytes
  cat >"$1" <<JSON
{"benchmark": "scenario_suite",
 "runs": [{"orders": 100000, "events": 667767, "orders_per_s": $2, "peak_rss_bytes": $4},
          {"orders": 1000000, "events": 6684116, "orders_per_s": 150000, "peak_rss_bytes": 40000000}],
 "callgrind": {"orders": [100000, 150000], "instructions_per_event": $3}}
JSON
}

expect() {  # expected-exit description args...
  local want=$1 what=$2; shift 2
  "$compare" "$@" >"$work/out" 2>&1
  local got=$?
  if [[ $got -ne $want ]]; then
    echo "FAIL: $what: exit $got, wanted $want"; cat "$work/out"; failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}

suite "$work/old.json" 100000 1000 40000000
suite "$work/slow.json" 80000 1000 40000000          # 20% fewer orders per second
suite "$work/fast.json" 130000 800 30000000          # better on every figure
suite "$work/noise.json" 95000 1040 41000000         # within 10%
suite "$work/instr.json" 100000 1200 40000000        # 20% more instructions per event
suite "$work/rss.json" 100000 1000 48000000          # 20% more peak RSS
echo '{"runs": [' >"$work/broken.json"

expect 0 "same file" "$work/old.json" "$work/old.json"
expect 1 "planted 20% slowdown" "$work/old.json" "$work/slow.json"
expect 0 "improvement" "$work/old.json" "$work/fast.json"
expect 0 "noise under the threshold" "$work/old.json" "$work/noise.json"
expect 1 "20% more instructions" "$work/old.json" "$work/instr.json"
expect 1 "20% more RSS" "$work/old.json" "$work/rss.json"
expect 0 "20% slowdown under --threshold 0.25" "$work/old.json" "$work/slow.json" --threshold 0.25
expect 1 "5% slowdown over --threshold 0.01" "$work/old.json" "$work/noise.json" --threshold 0.01
expect 2 "malformed JSON" "$work/old.json" "$work/broken.json"
expect 2 "missing file" "$work/old.json" "$work/none.json"

# The regression is named, and the run it belongs to is told apart by its size.
"$compare" "$work/old.json" "$work/slow.json" >"$work/out" 2>&1
if ! grep -q 'runs\[orders=100000\].orders_per_s .*-20.0%  REGRESSION' "$work/out"; then
  echo "FAIL: the slowdown line"; cat "$work/out"; failures=$((failures + 1))
fi
if grep -q 'orders=1e+06.*REGRESSION\|orders=1000000.*REGRESSION' "$work/out"; then
  echo "FAIL: an unchanged run flagged"; cat "$work/out"; failures=$((failures + 1))
fi
exit $((failures > 0))
