#!/usr/bin/env bash
# Benchmark regression check: measures the figures callgrind gives (so machine load does not
# move them) and compares them with a checked-in baseline through tools/bench-compare.
#   tools/bench-check.sh [--update] [--build DIR] [--baseline FILE] [--out FILE]
#                        [--current FILE] [--threshold 0.05]
# Figures (lower is better): instructions per dispatched event and per order on the default
# scenario (callgrind, 1e5 -> 1.5e5 orders differenced: tools/bench-scenario.sh --quick), bytes
# per order in flight (bench_scenario, 1e5 orders) and instructions per hold of the kernel's
# event queue at Q = 1e5 (tools/bench-hold-callgrind.sh).
# Prints the comparison table; exits 1 when a figure is worse than the baseline by more than the
# threshold (default 5%), 2 on bad usage or a missing tool, 0 otherwise.
#   --update          write the measured figures to the baseline instead (a deliberate commit)
#   --baseline FILE   default bench/baseline.json
#   --out FILE        also keep the measured figures there
#   --current FILE    compare figures measured before (a file this script wrote) instead of
#                     measuring again
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build/release
baseline=bench/baseline.json
out=
current=
update=0
threshold=0.05
while [[ $# -gt 0 ]]; do
  case $1 in
    --update) update=1 ;;
    --build|--baseline|--out|--current|--threshold)
      [[ $# -ge 2 ]] || { echo "bench-check: $1 needs a value" >&2; exit 2; }
      case $1 in
        --build) build_dir=$2 ;;
        --baseline) baseline=$2 ;;
        --out) out=$2 ;;
        --current) current=$2 ;;
        --threshold) threshold=$2 ;;
      esac
      shift ;;
    *) echo "bench-check: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

command -v python3 >/dev/null || { echo "bench-check: python3 not found" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -n $current ]]; then
  [[ -f $current ]] || { echo "bench-check: $current: no such file" >&2; exit 2; }
  cp "$current" "$work/current.json"
else
  tools/bench-scenario.sh --quick --build "$build_dir" --out-dir "$work/scenario" >/dev/null
  tools/bench-hold-callgrind.sh "$build_dir" 100000 >"$work/hold.json"
  python3 - "$work/scenario" "$work/hold.json" "$build_dir" >"$work/current.json" <<'PY'
import json, subprocess, sys
scenario_dir, hold_path, build_dir = sys.argv[1:4]
cg = json.load(open(f"{scenario_dir}/scenario_callgrind.json"))
run = json.load(open(f"{scenario_dir}/scenario_100000.json"))
hold = json.load(open(hold_path))
try:
    revision = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
except (OSError, subprocess.CalledProcessError):
    revision = "unknown"
figures = {
    "benchmark": "bench_check",
    "revision": revision,
    "scenario": {
        "orders": cg["orders"],
        "instructions_per_event": cg["instructions_per_event"],
        "instructions_per_order": cg["instructions_per_order"],
        "bytes_per_order_in_flight": run["bytes_per_order_in_flight"],
    },
    "hold": {
        "q": hold["q"],
        "instructions_per_hold": hold["implementations"]["ladder"]["instructions_per_hold"],
        "reference_instructions_per_hold": hold["implementations"]["reference"]["instructions_per_hold"],
    },
}
json.dump(figures, sys.stdout, indent=2)
print()
PY
fi
[[ -z $out ]] || cp "$work/current.json" "$out"

if [[ $update -eq 1 ]]; then
  cp "$work/current.json" "$baseline"
  echo "bench-check: wrote $baseline (commit it, saying why the figures moved):"
  cat "$baseline"
  exit 0
fi

[[ -f $baseline ]] || { echo "bench-check: $baseline: no such file (make one with --update)" >&2; exit 2; }
cat "$work/current.json"
echo "bench-check: baseline $baseline against this build, threshold $threshold:"
status=0
tools/bench-compare "$baseline" "$work/current.json" --threshold "$threshold" || status=$?
if [[ $status -eq 0 ]]; then
  echo "bench-check: no figure worse than the baseline by more than $threshold"
fi
exit "$status"
