#!/usr/bin/env bash
# Opens a report in headless Chromium: it must load with no console error, its DOM must hold
# every section heading, and a screenshot is saved beside it (report.png).
# Usage: tests/report/report_chromium.sh REPORT_HTML
#        tests/report/report_chromium.sh MARKETSIM_BINARY   (runs a short scenario, then
#                                                            `marketsim report` on its folder)
set -euo pipefail

arg=${1:?usage: report_chromium.sh REPORT_HTML | MARKETSIM_BINARY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -x "$arg" && ! -d "$arg" && "$arg" != *.html ]]; then
  "$arg" run --horizon 40d --set run.warmup=10d --reps 2 --out "$work/run" >/dev/null
  "$arg" report "$work/run"
  report="$work/run/report.html"
  shots_dir=$(pwd)
else
  report=$arg
  shots_dir=$(dirname "$report")
fi
[[ -f "$report" ]] || { echo "report_chromium: $report: no such file" >&2; exit 1; }
report=$(realpath "$report")
screenshot="$shots_dir/report.png"

browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n "$browser" ]] || { echo "report_chromium: chromium is not installed (tools/setup.sh --with-extras)" >&2; exit 1; }

run_chromium() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 "$@" "file://$report"
}

run_chromium --dump-dom >"$work/dom.html" 2>"$work/dom.err"
run_chromium --screenshot="$screenshot" --window-size=1200,900 >/dev/null 2>"$work/shot.err"

status=0
if grep -hE 'INFO:CONSOLE.*(error|Error)|Uncaught' "$work/dom.err" "$work/shot.err"; then
  echo "report_chromium: console errors while loading $report" >&2
  status=1
fi
for heading in "Key figures and 95% confidence intervals" "Settlement latency by channel" \
               "Escrow float over time" "Dispute funnel" "Fees by channel" \
               "Refund latency by route"; do
  if ! grep -qF "<h2>$heading</h2>" "$work/dom.html"; then
    echo "report_chromium: section '$heading' missing from the rendered page" >&2
    status=1
  fi
done
if [[ $(grep -o '<svg' "$work/dom.html" | wc -l) -lt 6 ]]; then
  echo "report_chromium: fewer than 6 charts in the rendered page" >&2
  status=1
fi
[[ -s "$screenshot" ]] || { echo "report_chromium: no screenshot written" >&2; status=1; }
[[ $status -eq 0 ]] && echo "report_chromium: $report renders; screenshot $screenshot"
exit $status
