#!/usr/bin/env bash
# The marketsim program as a user meets it: exit codes, one-line error messages naming the
# problem, atomic output, a rerun from a manifest, the same output for any thread count, and
# every shipped scenario running. Usage: cli_test.sh MARKETSIM SOURCE_DIR
set -u
ms="$1"
src="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
passed=0
failed=0

# expect CODE PATTERN -- command...: the exit code, and stderr has exactly one line matching.
expect() {
  local code="$1" pattern="$2"
  shift 3
  "$@" >out.txt 2>err.txt
  local got=$?
  local lines
  lines=$(wc -l <err.txt)
  if [[ $got -eq $code ]] && { [[ -z "$pattern" ]] || { grep -qE -- "$pattern" err.txt && [[ $lines -eq 1 ]]; }; }; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $* -> exit $got (want $code), stderr:" >&2
    cat err.txt >&2
  fi
}

check() {  # check DESCRIPTION command...: succeeds when the command does
  local what="$1"
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what" >&2; fi
}

short=(--horizon 20d --set run.warmup=5d --set arrivals.orders_per_day=300 --quiet)

# Usage and scenario errors: exit 2, one line naming the file, line and key.
printf '[buyers]\nuses_app = 0.5\nchanel = 1\n' >unknown.ini
expect 2 'unknown.ini:3.*unknown key "buyers.chanel"' -- "$ms" run unknown.ini --out o1
expect 2 'did you mean "channel.card.fee_rate"' -- "$ms" run --set chanel.card.fee_rate=1% --out o1
printf '[protection]\nmax_delivery_timer = 60x\n' >badunit.ini
expect 2 'badunit.ini:2.*protection.max_delivery_timer' -- "$ms" run badunit.ini --out o1
printf '[buyers]\nuses_app = 1.5\n' >range.ini
expect 2 'range.ini:2.*buyers.uses_app' -- "$ms" run range.ini --out o1
printf '[protection]\ndispute_lead = -3d\n' >negative.ini
expect 2 'negative.ini:2.*protection.dispute_lead' -- "$ms" run negative.ini --out o1
printf '[channel.card]\nmin_order = 100 USD\nmax_order = 50 USD\n' >minmax.ini
expect 2 'minmax.ini.*channel.card' -- "$ms" run minmax.ini --out o1
printf '[buyers]\nchannel_shares = card:0.5, qiwi:0.2\n' >shares.ini
expect 2 'buyers.channel_shares' -- "$ms" run shares.ini --out o1
printf '[buyers]\nchannel_shares = card:0.5, nosuch:0.5\n' >channel.ini
expect 2 'nosuch' -- "$ms" run channel.ini --out o1
printf 'include = b.ini\n' >a.ini
printf 'include = a.ini\n' >b.ini
expect 2 'include cycle' -- "$ms" run a.ini --out o1
printf '[buyers]\nuses_app = 0.5\nuses_app = 0.6\n' >twice.ini
expect 2 'twice.ini:3: key "buyers.uses_app" given twice \(first at line 2\)' -- "$ms" run twice.ini --out o1
expect 2 '^marketsim: --set: key "buyers.uses_app" given twice$' -- "$ms" run --set buyers.uses_app=0.5 --set buyers.uses_app=0.6 --out o1
expect 2 '^marketsim: --seed and --set run.seed both given$' -- "$ms" run --seed 5 --set run.seed=3 --out o1
expect 2 '^marketsim: --seed and --set run.seed both given$' -- "$ms" run --seed 5 --set run.seed=3 --out o1
expect 2 'cannot open scenario file "missing.ini"' -- "$ms" run missing.ini --out o1
expect 2 'not expected: --bogus' -- "$ms" run --bogus
expect 2 '' -- "$ms"
expect 2 'expected key=v1,v2' -- "$ms" sweep "$src/scenarios/default.ini" --vary novalue --out o1
check "no output folder after errors" test ! -e o1

# Output folders: created whole; an existing one refused without --force (exit 2).
expect 0 '' -- "$ms" run "${short[@]}" --reps 2 --seed 5 --out run1
check "summary.csv written" test -s run1/summary.csv
expect 2 'run1 exists \(use --force' -- "$ms" run "${short[@]}" --out run1
expect 0 '' -- "$ms" run "${short[@]}" --reps 2 --seed 5 --out run1 --force
mkdir locked && chmod 555 locked
if [[ $(id -u) -ne 0 ]]; then
  expect 1 'locked.*not writable' -- "$ms" run "${short[@]}" --out locked/o
fi
expect 1 'not a folder' -- "$ms" run "${short[@]}" --out run1/summary.csv/o

# Reproducibility: a rerun from the manifest, and another thread count, give identical files.
expect 0 '' -- "$ms" run --manifest run1/manifest.ini --out rerun
check "rerun from manifest is byte-identical" diff -r run1 rerun
expect 0 '' -- "$ms" run "${short[@]}" --reps 2 --seed 5 --threads 2 --out threads2
check "two threads give identical output" diff -r run1 threads2

# The report: one self-contained page from the folder's CSV files.
expect 0 '' -- "$ms" report run1
check "report written" grep -q '<svg' run1/report.html
expect 1 'traced-missing' -- "$ms" report traced-missing

# --trace streams the order lifecycle and the ledger journal.
expect 0 '' -- "$ms" run "${short[@]}" --trace --out traced
check "trace written" grep -q '^order,time_s,from,to' traced/trace_orders.csv
check "journal written" grep -q '^time_s,from,to,amount,currency,kind,order' traced/journal.csv
# Every file of the folder is fsync'ed, the streamed trace files too (docs/output.md).
synced() {  # synced STRACE_LOG FILE: FILE was opened and that descriptor fsync'ed
  awk -v f="/$2\"" 'index($0, "openat(") { n = split($0, a, "= "); if (index($0, f)) fd[a[n] + 0] = 1; else delete fd[a[n] + 0] }
    index($0, "fsync(") && / = 0$/ { s = $0; sub(/.*fsync\(/, "", s); sub(/\).*/, "", s); if ((s + 0) in fd) ok = 1 }
    END { exit !ok }' "$1"
}
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  strace -f -e trace=openat,fsync -o strace.log "$ms" run "${short[@]}" --trace --out traced-sync >/dev/null 2>&1
  for f in trace_orders.csv journal.csv summary.csv; do
    check "$f fsync'ed" synced strace.log "$f"
  done
fi

# Every shipped scenario runs (short horizon) and validates.
for f in "$src"/scenarios/*.ini; do
  name=$(basename "$f" .ini)
  expect 0 '' -- "$ms" run "$f" "${short[@]}" --out "scenario-$name"
  expect 0 '' -- "$ms" validate "$f"
done

# A sweep, the schema and the sources.
expect 0 '' -- "$ms" sweep "$src/scenarios/default.ini" --vary "buyers.retry_after_refusal=0.2,0.9" \
  "${short[@]}" --out sweep
check "sweep has two points" test "$(cut -d, -f1 sweep/summary.csv | sort -u | wc -l)" -eq 3
expect 0 '' -- "$ms" params --markdown
check "params lists the release rule with its citation" grep -q 'release_after_confirmation.*000:187' out.txt
expect 0 '' -- "$ms" sources
check "sources counts assumptions" grep -qi 'assumption' out.txt
expect 0 '' -- "$ms" check --set arrivals.orders_per_day=300 --set run.horizon=40d
check "check compares the oracle" grep -q 'every figure inside' out.txt
expect 0 '' -- "$ms" --version
check "version printed" grep -q '^marketsim ' out.txt

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
