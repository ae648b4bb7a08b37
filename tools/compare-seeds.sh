#!/usr/bin/env bash
# Compares two marketsim builds (or two variants of a scenario) over many seeds: runs N
# replications of each (independent base seeds, so the samples are independent), then
# compares every whole-run figure: means by Welch's t-test, variances by the F-test.
# Prints a Markdown table for the commit message that updates tests/fingerprints.
#
# Usage: tools/compare-seeds.sh [-n N] [--alpha A] [--all] [--b-set key=value]... \
#            OLD_MARKETSIM NEW_MARKETSIM [run arguments: scenario, --horizon, --set ...]
#   e.g. tools/compare-seeds.sh -n 40 /tmp/old/marketsim build/release/tools/marketsim \
#            scenarios/default.ini --horizon 60d
#   two variants, one binary: ... --b-set protection.max_delivery_timer=75d M M scenarios/x.ini
# Environment: COMPARE_SEEDS (default build/release/tools/compare_seeds), THREADS (default 2).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=30
alpha=0.01
all=()
b_sets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) n="$2"; shift 2 ;;
    --alpha) alpha="$2"; shift 2 ;;
    --all) all=(--all); shift ;;
    --b-set) b_sets+=(--set "$2"); shift 2 ;;
    *) break ;;
  esac
done
if [[ $# -lt 2 ]]; then sed -n '2,13p' "$0" >&2; exit 2; fi
old="$1"
new="$2"
shift 2
tool="${COMPARE_SEEDS:-$root/build/release/tools/compare_seeds}"
[[ -x "$tool" ]] || { echo "compare-seeds: build $tool first (cmake --build --preset release)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$old" run "$@" --reps "$n" --seed 1001 --threads "${THREADS:-2}" --quiet --out "$work/a"
"$new" run "$@" "${b_sets[@]}" --reps "$n" --seed 2002 --threads "${THREADS:-2}" --quiet --out "$work/b"
echo "A: $old $* --seed 1001 --reps $n"
echo "B: $new $* ${b_sets[*]} --seed 2002 --reps $n"
echo
"$tool" "$work/a/metrics.csv" "$work/b/metrics.csv" --alpha "$alpha" "${all[@]}"
