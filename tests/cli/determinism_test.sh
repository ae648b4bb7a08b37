#!/usr/bin/env bash
# Determinism: the same scenario and seed give byte-identical output folders across repeated
# runs and across --threads 1 and 2, for the built-in default and every shipped scenario (with
# --trace, so the per-order trace and the ledger journal are compared too).
# Usage: determinism_test.sh MARKETSIM SOURCE_DIR
set -u
ms="$(realpath "$1")"
src="$(realpath "$2")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
checked=0
source "$src/tests/cli/same_output.sh"
args=(--horizon 12d --set run.warmup=2d --reps 3 --seed 20261123 --trace --quiet)

compare() {  # compare NAME SCENARIO...: three runs, two of them with two threads
  local name="$1"
  shift
  for run in a b t2; do
    local threads=1
    [[ $run == t2 ]] && threads=2
    if ! "$ms" run "$@" "${args[@]}" --threads "$threads" --out "$name-$run" 2>"$name-$run.err"; then
      failed=$((failed + 1)); echo "FAILED: $name run $run:" >&2; cat "$name-$run.err" >&2; return
    fi
  done
  for other in b t2; do
    checked=$((checked + 1))
    if ! same_output "$name-a" "$name-$other"; then
      failed=$((failed + 1))
      echo "FAILED: $name: run a and run $other differ:" >&2
      diff -rq "$name-a" "$name-$other" >&2
    fi
  done
  [[ -s "$name-a/trace_orders.csv" ]] || { failed=$((failed + 1)); echo "FAILED: $name: empty trace" >&2; }
}

compare builtin
for f in "$src"/scenarios/*.ini; do
  compare "$(basename "$f" .ini)" "$f"
done
if [[ $failed -ne 0 ]]; then echo "determinism_test: $failed failure(s)" >&2; exit 1; fi
echo "determinism_test: $checked comparisons identical"
