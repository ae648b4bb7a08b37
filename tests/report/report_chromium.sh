#!/usr/bin/env bash
# Opens reports in headless Chromium: each must load with no console error, its DOM must hold
# its section headings, no chart label may be clipped or drawn over another and nothing may
# overflow its box (tests/report/layout_probe.js, run on a copy: the report has no script), and
# a screenshot is saved.
# Usage: tests/report/report_chromium.sh REPORT_HTML...
#        tests/report/report_chromium.sh MARKETSIM_BINARY   (runs a short single run and a short
#            two-key sweep with a base point, then `marketsim report` on both folders; the
#            screenshots go to the current folder: report.png, report-sweep.png)
set -euo pipefail

arg=${1:?usage: report_chromium.sh REPORT_HTML... | MARKETSIM_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

reports=()
shots=()
if [[ -x "$arg" && ! -d "$arg" && "$arg" != *.html ]]; then
  short=(--horizon 40d --set run.warmup=10d --reps 2 --quiet)
  "$arg" run "${short[@]}" --out "$work/run" 2>/dev/null
  "$arg" sweep "${short[@]}" --vary "protection.release_after_confirmation=0d..15d step 5d" \
    --vary "channel.webmoney.fee_rate=0.8%,3%" \
    --base "protection.release_after_confirmation=0d channel.webmoney.fee_rate=0.8%" \
    --out "$work/sweep" 2>/dev/null
  "$arg" report "$work/run" >/dev/null
  "$arg" report "$work/sweep" >/dev/null
  reports=("$work/run/report.html" "$work/sweep/report.html")
  shots=("$(pwd)/report.png" "$(pwd)/report-sweep.png")
else
  for r in "$@"; do
    reports+=("$r")
    shots+=("$(dirname "$r")/$(basename "$r" .html).png")
  done
fi

browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n "$browser" ]] || { echo "report_chromium: chromium is not installed (tools/setup.sh --with-extras)" >&2; exit 1; }

run_chromium() {  # URL, then options
  local url=$1
  shift
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 --window-size=1400,900 "$@" "$url"
}

single_headings=("Key figures and 95% confidence intervals" "Settlement time by channel"
                 "Escrow float over time" "Dispute funnel" "Refusals by channel"
                 "Fees by channel and payer" "Refund latency by route")
sweep_headings=("Distributions of every point on shared axes"
                "Key figures and 95% confidence intervals, per point" "Each point in detail")

status=0
for i in "${!reports[@]}"; do
  report=${reports[$i]}
  [[ -f "$report" ]] || { echo "report_chromium: $report: no such file" >&2; status=1; continue; }
  report=$(realpath "$report")
  run_chromium "file://$report" --dump-dom >"$work/dom.html" 2>"$work/dom.err"
  # The probe runs on a copy with the script added before </body>.
  probe="$work/probe.html"
  { sed 's#</body>##; s#</html>##' "$report"; printf '<script>\n'; cat "$here/layout_probe.js"
    printf '</script>\n</body>\n</html>\n'; } >"$probe"
  run_chromium "file://$probe" --dump-dom >"$work/probe-dom.html" 2>"$work/probe.err"
  findings=$(sed -n '/<pre id="layout-probe">/,/<\/pre>/p' "$work/probe-dom.html" |
             sed 's/<[^>]*>//g; s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&#39;/'"'"'/g')
  height=$(grep -o '^HEIGHT [0-9]*' <<<"$findings" | cut -d' ' -f2 || true)
  if [[ -z "$height" ]]; then
    echo "report_chromium: the layout probe did not run on $report" >&2
    status=1
  fi
  if grep -E '^(CLIPPED|OVERLAP|OVERFLOW) ' <<<"$findings" >&2; then
    echo "report_chromium: labels clipped, overlapping or overflowing in $report" >&2
    status=1
  fi
  run_chromium "file://$report" --hide-scrollbars --window-size=1400,"${height:-900}" \
    --screenshot="${shots[$i]}" >/dev/null 2>"$work/shot.err"
  if grep -hE 'INFO:CONSOLE.*(error|Error)|Uncaught' "$work/dom.err" "$work/shot.err" "$work/probe.err"; then
    echo "report_chromium: console errors while loading $report" >&2
    status=1
  fi
  if grep -q 'class="many"' "$work/dom.html"; then
    headings=("${sweep_headings[@]}")
    charts=$(grep -o '<figure class="chart vs-param"' "$work/dom.html" | wc -l)
    if [[ -n "$height" && $height -gt 12000 ]]; then
      echo "report_chromium: the sweep page is $height px tall (at most 12,000: the points are compared, not stacked)" >&2
      status=1
    fi
    if [[ $charts -lt 7 ]]; then
      echo "report_chromium: $charts figure-vs-parameter charts in $report (7 headline figures)" >&2
      status=1
    fi
  else
    headings=("${single_headings[@]}")
  fi
  for heading in "${headings[@]}"; do
    if ! grep -qF "<h2>$heading</h2>" "$work/dom.html"; then
      echo "report_chromium: section '$heading' missing from the rendered page $report" >&2
      status=1
    fi
  done
  if [[ $(grep -o '<svg' "$work/dom.html" | wc -l) -lt 6 ]]; then
    echo "report_chromium: fewer than 6 charts in the rendered page $report" >&2
    status=1
  fi
  [[ -s "${shots[$i]}" ]] || { echo "report_chromium: no screenshot written for $report" >&2; status=1; }
  echo "report_chromium: $report renders, ${height:-?} px tall at 1400 px; screenshot ${shots[$i]}"
done
exit $status
