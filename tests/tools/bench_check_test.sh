#!/usr/bin/env bash
# tools/bench-check.sh end to end: it measures the callgrind figures of this build once and
# writes them as a baseline (--update); the same figures must pass against it, a baseline 10%
# better on every judged figure (a planted 10% slowdown) must fail with exit 1 naming the
# figures, 3% must pass under the 5% threshold, a missing baseline exits 2.
#   tests/tools/bench_check_test.sh SOURCE_DIR BUILD_DIR [FIGURES_OUT]
# FIGURES_OUT (optional) keeps the measured figures, so CI can compare them with the checked-in
# baseline without measuring twice (.ci/run).
set -uo pipefail
source_dir=${1:?usage: bench_check_test.sh SOURCE_DIR BUILD_DIR [FIGURES_OUT]}
build_dir=$(cd "${2:?usage: bench_check_test.sh SOURCE_DIR BUILD_DIR [FIGURES_OUT]}" && pwd)
keep=${3:-}
check="$source_dir/tools/bench-check.sh"
[[ -z $keep ]] || rm -f "$keep"  # never leave figures of an earlier build behind
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

expect() {  # expected-exit description args...
  local want=$1 what=$2; shift 2
  "$check" "$@" >"$work/out" 2>&1
  local got=$?
  if [[ $got -ne $want ]]; then
    echo "FAIL: $what: exit $got, wanted $want"; cat "$work/out"; failures=$((failures + 1))
  else
    echo "ok: $what"
  fi
}

scaled() {  # in out factor: every judged figure (instructions per ..., bytes) times factor
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
src, dst, factor = sys.argv[1], sys.argv[2], float(sys.argv[3])
doc = json.load(open(src))
for group in ("scenario", "hold"):
    for key, value in doc[group].items():
        if key.startswith("instructions_per") or "bytes" in key:
            doc[group][key] = value * factor
json.dump(doc, open(dst, "w"), indent=2)
PY
}

expect 0 "measure and write a baseline (--update)" \
  --build "$build_dir" --update --baseline "$work/base.json" --out "$work/current.json"
for key in instructions_per_event instructions_per_order bytes_per_order_in_flight instructions_per_hold; do
  if ! grep -q "\"$key\": [0-9]" "$work/base.json" 2>/dev/null; then
    echo "FAIL: the baseline lacks $key"; failures=$((failures + 1))
  fi
done
[[ -z $keep || ! -f $work/current.json ]] || { mkdir -p "$(dirname "$keep")"; cp "$work/current.json" "$keep"; }

expect 0 "unchanged figures pass" --current "$work/current.json" --baseline "$work/base.json"
grep -q "no figure worse" "$work/out" || { echo "FAIL: no verdict line"; failures=$((failures + 1)); }

scaled "$work/base.json" "$work/faster_base.json" "$(awk 'BEGIN { print 1 / 1.10 }')"
expect 1 "a planted 10% slowdown fails" --current "$work/current.json" --baseline "$work/faster_base.json"
for key in scenario.instructions_per_event scenario.instructions_per_order \
           scenario.bytes_per_order_in_flight hold.instructions_per_hold; do
  if ! grep -q "^$key .*+10.0%  REGRESSION" "$work/out"; then
    echo "FAIL: $key not flagged"; cat "$work/out"; failures=$((failures + 1))
  fi
done

scaled "$work/base.json" "$work/near_base.json" "$(awk 'BEGIN { print 1 / 1.03 }')"
expect 0 "3% worse passes under the 5% threshold" --current "$work/current.json" --baseline "$work/near_base.json"
expect 1 "3% worse fails under --threshold 0.02" --current "$work/current.json" \
  --baseline "$work/near_base.json" --threshold 0.02
expect 2 "missing baseline" --current "$work/current.json" --baseline "$work/none.json"
expect 2 "unknown argument" --bogus
exit $((failures > 0))
