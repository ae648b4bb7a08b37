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
# (The manifests differ only in the lines that say when and how each run was started.)
source "$src/tests/cli/same_output.sh"
expect 0 '' -- "$ms" run --manifest run1/manifest.ini --out rerun
check "rerun from manifest is byte-identical" same_output run1 rerun
expect 0 '' -- "$ms" run "${short[@]}" --reps 2 --seed 5 --threads 2 --out threads2
check "two threads give identical output" same_output run1 threads2
check "the manifest records the command line" grep -q '^; command_line = .*marketsim run --horizon 20d' run1/manifest.ini
check "the manifest records the date" grep -qE '^; date = 20[0-9]{2}-[0-9]{2}-[0-9]{2}T' run1/manifest.ini
check "the manifest records the scenario" grep -q '^; scenario_file = built-in default' run1/manifest.ini
"$ms" run --horizon 20d --set run.warmup=5d --set arrivals.orders_per_day=300 --out loud >out.txt 2>&1
check "a run ends with the folder and the time it took" grep -qE "^wrote $(pwd -P)/loud in [0-9.]+ s \(1 point x 1 replication\)$" out.txt

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
check "the swept key is a column" test "$(cut -d, -f2 sweep/summary.csv | sort -u | tr '\n' ' ')" = "0.200000 0.900000 buyers.retry_after_refusal "

# A sweep written in the scenario: ranges, --list, --vary replacing a line, the manifest rerun.
printf '[sweep]\nprotection.release_after_confirmation = 0d..10d step 5d\nbuyers.never_confirms = 0.1\n' >sw.ini
expect 0 '' -- "$ms" sweep sw.ini --list
check "--list prints the points" test "$(grep -cE '^ +[0-9]+  ' out.txt)" -eq 3
check "--list gives the days" grep -qE '^ +2  10  0.100000$' out.txt
expect 0 '' -- "$ms" sweep sw.ini --vary buyers.never_confirms=0.1,0.2 --list
check "--vary replaces the file's line" test "$(grep -cE '^ +[0-9]+  ' out.txt)" -eq 6
expect 0 '' -- "$ms" sweep sw.ini "${short[@]}" --out fsweep
check "the sweep's manifest holds its axes" grep -qx 'protection.release_after_confirmation = 0d, 5d, 10d' fsweep/manifest.ini
expect 0 '' -- "$ms" sweep --manifest fsweep/manifest.ini --quiet --out fsweep2
check "a sweep's manifest reruns the whole sweep byte for byte" same_output fsweep fsweep2
expect 2 'manifest.ini:[0-9]+: .*has a \[sweep\] section: run it with `marketsim sweep --manifest' -- "$ms" run --manifest fsweep/manifest.ini --out o2
expect 2 'sw.ini:2: sw.ini has a \[sweep\] section' -- "$ms" run sw.ini --out o2
printf '[sweep]\nprotection.release_after_confirmation = 0d..10d step 5h\n' >badrange.ini
expect 2 'badrange.ini:2: sweep key "protection.release_after_confirmation": range .*same unit' -- "$ms" sweep badrange.ini --list
printf '[sweep]\nbuyers.uses_app = 0.5, 2\n' >badvalue.ini
expect 2 'badvalue.ini:2: sweep: buyers.uses_app: invalid probability "2"' -- "$ms" sweep badvalue.ini --list
expect 2 'nothing to sweep' -- "$ms" sweep --list
check "no output folder after sweep errors" test ! -e o2
expect 0 '' -- "$ms" params --markdown
check "params lists the release rule with its citation" grep -q 'release_after_confirmation.*000:187' out.txt
expect 0 '' -- "$ms" sources
check "sources counts assumptions" grep -qi 'assumption' out.txt
expect 0 '' -- "$ms" check --set arrivals.orders_per_day=300 --set run.horizon=40d
check "check compares the oracle" grep -q 'every figure agrees with the oracle' out.txt
check "check states its family-wise rate" grep -q 'family-wise false-alarm rate of 1%' out.txt
# A run that ends inside its warm-up measures nothing: refused, nothing written.
expect 2 'run.horizon = 5d is not longer than run.warmup = 5d' -- "$ms" run --horizon 5d --set run.warmup=5d --out nothing
check "no folder for a refused run" test ! -e nothing

# compare: A and B paired by replication; B = A with --set-b differences.
expect 0 '' -- "$ms" compare "$src/scenarios/default.ini" "${short[@]}" --reps 3 \
  --set-b protection.release_after_confirmation=14d --out cmp
check "compare writes compare.csv" grep -q '^base,point,metric,unit,statistic,n,mean_base,ci_low_base,ci_high_base,mean_point,ci_low_point,ci_high_point,diff_mean,diff_sd,diff_ci_low,diff_ci_high,unpaired_ci_low,unpaired_ci_high,variance_reduction$' cmp/compare.csv
# Arrivals are common to A and B: the same orders placed, a zero difference, an infinite factor.
check "orders placed pair exactly" awk -F, '$3=="orders_placed" {found=1; if (!($7==$10 && $13==0 && $15==0 && $16==0 && $19=="inf")) exit 1} END {exit !found}' cmp/compare.csv
# A day less of holding: settlement is shorter in B, the paired interval below 0.
check "settlement shorter by the rule" awk -F, '$3=="settlement" && $5=="mean" {found=1; if (!($16 < 0 && $13 < 0)) exit 1} END {exit !found}' cmp/compare.csv
expect 0 '' -- "$ms" compare "$src/scenarios/default.ini" --horizon 20d --set run.warmup=5d --set arrivals.orders_per_day=300 --reps 2 --set-b protection.release_after_confirmation=14d --out cmp2
check "compare prints the paired table" grep -q 'B against A (2 paired replications; difference = B - A)' out.txt
check "compare's manifest says what B is" grep -q '^; compare: B = .*--set protection.release_after_confirmation=14d' cmp2/manifest.ini
expect 2 'at least 2 replications' -- "$ms" compare "${short[@]}" --set-b buyers.uses_app=0.5 --out cmp3
expect 2 'A and B are the same scenario' -- "$ms" compare "${short[@]}" --reps 2 --out cmp3
expect 2 'A and B share the seed' -- "$ms" compare "${short[@]}" --reps 2 --set-b run.seed=5 --out cmp3
expect 2 'buyers.chanel' -- "$ms" compare "${short[@]}" --reps 2 --set-b buyers.chanel=1 --out cmp3
check "no folder for a refused comparison" test ! -e cmp3
# Two files: the default against the public-rules scenario.
expect 0 '' -- "$ms" compare "$src/scenarios/default.ini" "$src/scenarios/public-rules.ini" "${short[@]}" --reps 2 --out cmp4
check "two files compared" grep -q '^A,B,settlement,h,mean,2,' cmp4/compare.csv
# sweep --base: every other point against the named one.
expect 0 '' -- "$ms" sweep "$src/scenarios/default.ini" --vary "protection.release_after_confirmation=15d,14d,13d" \
  --base "protection.release_after_confirmation=15d" "${short[@]}" --reps 2 --out sweepbase
check "sweep compares two points with the base" test "$(grep -c '^protection.release_after_confirmation=15d,protection.release_after_confirmation=1[34]d,1[34],settlement,h,mean,' sweepbase/compare.csv)" -eq 2
check "sweep --base: the swept column beside point" grep -q '^base,point,protection.release_after_confirmation_d,metric,unit,' sweepbase/compare.csv
printf 'include = %s\n[sweep]\nbuyers.never_confirms = 0.1, 0.25\n' "$src/scenarios/default.ini" >withsweep.ini
expect 2 'withsweep.ini:3: .*has a \[sweep\] section: compare its points with `marketsim sweep' -- \
  "$ms" compare withsweep.ini "${short[@]}" --reps 2 --set-b buyers.uses_app=0.5 --out cmp5
check "no folder for a compare of a sweep" test ! -e cmp5
expect 2 '--base "nosuch" names no point' -- "$ms" sweep "$src/scenarios/default.ini" --vary "buyers.uses_app=0.2,0.9" --base nosuch "${short[@]}" --reps 2 --out sweepbad

expect 0 '' -- "$ms" --version
check "version printed" grep -q '^marketsim ' out.txt

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
