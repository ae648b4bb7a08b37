#!/usr/bin/env bash
# The results database (--db): a run appends one runs row, its parameters, points, swept values
# and every metrics.csv row (the same numbers), and compare.csv's rows in the compare table; a
# second run appends beside the first; a run that
# fails half-way through its insert (a trigger aborts it), one that fails before writing, and
# runs killed with SIGKILL at random moments leave the file byte for byte as it was (or, for a
# kill after the commit, with the whole new run). Usage: results_db_test.sh MARKETSIM
set -u
ms="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
fail() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
q() { sqlite3 -batch -noheader "$@"; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed: skipped"; exit 0; }

short=(--horizon 12d --set run.warmup=2d --set arrivals.orders_per_day=150 --quiet)
"$ms" run "${short[@]}" --reps 2 --db r.sqlite --out a || fail "first run"
[[ $(q r.sqlite "select count(*) from runs") == 1 ]] || fail "one run after the first"
rows=$(($(wc -l <a/metrics.csv) - 1))
[[ $(q r.sqlite "select count(*) from metrics") == "$rows" ]] || fail "every metrics.csv row"
# The same numbers: the total of metrics.csv's value column, summed by awk and by SQL.
want=$(awk -F, 'NR > 1 && $7 != "" { s += $7 } END { printf "%.2f", s }' a/metrics.csv)
got=$(q r.sqlite "select printf('%.2f', sum(value)) from metrics")
[[ "$want" == "$got" ]] || fail "metric values: csv $want, database $got"
id=$(q r.sqlite "select run_id from runs")
grep -q "^; run_id = $id$" a/manifest.ini || fail "the manifest names the run id"
[[ $(q r.sqlite "select value from parameters where key = 'run.warmup'") == 2d ]] || fail "parameters"
# The scenario hash: FNV-1a 64 of the manifest's effective scenario (what follows its comments).
want_hash=$(python3 -c '
import sys
text = open(sys.argv[1], "rb").read().split(b"; the effective scenario\n", 1)[1]
h = 0xcbf29ce484222325
for b in text: h = ((h ^ b) * 0x100000001b3) % 2**64
print(f"{h:016x}")' a/manifest.ini)
[[ $(q r.sqlite "select scenario_hash from runs") == "$want_hash" ]] || fail "scenario hash"

printf '[sweep]\nbuyers.never_confirms = 0.1, 0.25\n' >sweep.ini
"$ms" sweep sweep.ini "${short[@]}" --db r.sqlite --out s || fail "sweep"
[[ $(q r.sqlite "select count(*) from runs") == 2 ]] || fail "the second run appended"
[[ $(q r.sqlite "select group_concat(number) from swept join runs using (run_id) where points = 2 order by point_index") == "0.1,0.25" ]] ||
  fail "swept values as numbers"
[[ $(q r.sqlite "select count(distinct point) from metrics where run_id != '$id'") == 2 ]] || fail "sweep points"

# A failure in the middle of the insert: the database and the output folder stay as they were.
cp r.sqlite before.sqlite
q r.sqlite "create trigger stop after insert on metrics when (select count(*) from metrics) > 2000 + $rows
            begin select raise(abort, 'planted failure'); end"
cp r.sqlite armed.sqlite
"$ms" run "${short[@]}" --db r.sqlite --out c 2>err.txt && fail "a run with a failing insert succeeded"
[[ $(wc -l <err.txt) == 1 ]] && grep -q "r.sqlite.*planted failure" err.txt || fail "the failure message: $(cat err.txt)"
cmp -s r.sqlite armed.sqlite || fail "a failed insert changed the database"
[[ ! -e c ]] || fail "a failed insert left an output folder"
cp before.sqlite r.sqlite

# Failures before any writing: a file that is no database, an unwritable folder.
echo "not a database" >junk.sqlite
"$ms" run "${short[@]}" --db junk.sqlite --out d 2>err.txt; rc=$?
[[ $rc == 1 ]] && grep -q "junk.sqlite: not an SQLite database" err.txt || fail "junk database: rc $rc $(cat err.txt)"
[[ "$(cat junk.sqlite)" == "not a database" && ! -e d ]] || fail "junk database changed or output written"
"$ms" run "${short[@]}" --db nosuch/r.sqlite --out d 2>err.txt && fail "an unwritable --db succeeded"
[[ ! -e d ]] || fail "output written beside an unwritable --db"

# Killed at random moments: the database is the old one or the old one plus the whole run.
long=(--horizon 40d --set run.warmup=2d --set arrivals.orders_per_day=600 --reps 2 --quiet)
old=$(sha256sum <r.sqlite)
start=$(date +%s%N)
"$ms" run "${long[@]}" --db timing.sqlite --out timing >/dev/null
run_ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))
for i in 1 2 3 4 5 6; do
  cp before.sqlite r.sqlite
  rm -rf k
  delay_ms=$(( RANDOM * RANDOM % (run_ms + run_ms / 5) ))
  "$ms" run "${long[@]}" --db r.sqlite --out k >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  runs=$(q r.sqlite "select count(*) from runs")  # also rolls back a hot journal
  [[ $(q r.sqlite "pragma integrity_check") == ok ]] || fail "kill $i: database damaged"
  case "$runs" in
    2) [[ $(q r.sqlite "select count(*) from metrics") == $(q before.sqlite "select count(*) from metrics") ]] ||
         fail "kill $i: rows of a killed run left behind" ;;
    3) [[ -d k ]] || fail "kill $i: run committed to the database without its folder" ;;
    *) fail "kill $i after ${delay_ms} ms: $runs runs" ;;
  esac
done
[[ "$old" == "$(sha256sum <before.sqlite)" ]] || fail "the reference copy changed"

# compare (and sweep --base): compare.csv's rows in the compare table, the same numbers.
"$ms" compare "${short[@]}" --reps 2 --set-b buyers.never_confirms=0.3 --db cmp.sqlite --out cmp ||
  fail "compare --db"
[[ $(q cmp.sqlite "select count(*) from compare") == $(($(wc -l <cmp/compare.csv) - 1)) ]] ||
  fail "every compare.csv row in the compare table"
want=$(awk -F, 'NR > 1 && $13 != "" { s += $13 } END { printf "%.2f", s }' cmp/compare.csv)
got=$(q cmp.sqlite "select printf('%.2f', sum(diff_mean)) from compare")
[[ "$want" == "$got" ]] || fail "compare diff_mean: csv $want, database $got"
[[ $(q cmp.sqlite "select distinct base || ',' || point from compare") == "A,B" ]] || fail "compare base and point"

[[ $failed -eq 0 ]] && echo "results database: all checks passed"
exit $(( failed > 0 ))
