#!/usr/bin/env bash
# Crash safety: `marketsim run` killed with SIGKILL at random points leaves its output folder
# either absent or whole (the complete previous folder, or the complete new one when the kill
# came after the commit), never half-written; the temporary folders a kill leaves behind are
# hidden (.OUT.partial-<pid>) and the next run for the same folder removes them.
# Usage: crash_test.sh MARKETSIM [KILLS]
set -u
ms="$(realpath "$1")"
kills="${2:-8}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
fail() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }

# A folder's fingerprint: its file list and every file (the manifest's provenance lines left out).
source "$(dirname "$(realpath "$0")")/same_output.sh"

args=(--horizon 30d --set run.warmup=5d --set arrivals.orders_per_day=400 --reps 2 --quiet)
"$ms" run "${args[@]}" --seed 1 --out old || { echo "reference run failed" >&2; exit 1; }
"$ms" run "${args[@]}" --seed 2 --out new || { echo "reference run failed" >&2; exit 1; }
old_digest=$(digest old)
new_digest=$(digest new)
# How long one run takes, so kills land anywhere from start-up to past the commit.
start=$(date +%s%N)
"$ms" run "${args[@]}" --seed 2 --out timing >/dev/null
run_ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
echo "one run: ${run_ms} ms; ${kills} kills per case"

# state DIR: absent, old, new or torn.
state() {
  if [[ ! -e "$1" ]]; then echo absent; return; fi
  case "$(digest "$1")" in
    "$old_digest") echo old ;;
    "$new_digest") echo new ;;
    *) echo torn ;;
  esac
}

declare -A seen
for case_name in fresh force; do
  for ((i = 0; i < kills; i++)); do
    rm -rf out .out.*
    extra=()
    if [[ $case_name == force ]]; then cp -r old out; extra=(--force); fi
    delay_ms=$(( RANDOM * RANDOM % (run_ms + run_ms / 5) ))
    "$ms" run "${args[@]}" --seed 2 --out out "${extra[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    s=$(state out)
    seen["$case_name/$s"]=1
    case "$case_name/$s" in
      fresh/absent | fresh/new | force/old | force/new | force/absent) ;;
      *) fail "$case_name: killed after ${delay_ms} ms, out is $s" ;;
    esac
    # A stray temporary folder is hidden and never looks like the output itself.
    for stray in .out.*; do
      [[ -e "$stray" ]] || continue
      [[ "$stray" =~ ^\.out\.(partial|old)-[0-9]+$ ]] || fail "unexpected folder $stray"
    done
    # The next run replaces or creates the folder and removes what the killed run left.
    "$ms" run "${args[@]}" --seed 2 --out out --force >/dev/null 2>&1 || fail "rerun after kill failed"
    [[ $(state out) == new ]] || fail "rerun after kill: out is $(state out)"
    leftovers=$(find . -maxdepth 1 -name '.out.*' | wc -l)
    [[ $leftovers -eq 0 ]] || fail "rerun left $leftovers temporary folder(s)"
  done
done
echo "outcomes seen: ${!seen[*]}"
if [[ $failed -ne 0 ]]; then echo "crash_test: $failed failure(s)" >&2; exit 1; fi
echo "crash_test: all passed"
