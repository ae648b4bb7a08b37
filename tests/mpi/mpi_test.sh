#!/usr/bin/env bash
# marketsim under mpiexec: at 2 and 4 ranks (with and without threads) the output folder and the
# summary are byte for byte those of the single-process run; a failing rank makes the job exit
# non-zero with one line naming the rank and the reason, and leaves no output folder; an error
# found before the runs start (a bad scenario, an output folder that cannot be written) is printed
# once, by rank 0, and every rank exits non-zero.
# Usage: mpi_test.sh MPIEXEC MARKETSIM SOURCE_DIR
set -u
mpiexec="$1"
ms="$2"
src="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
passed=0
failed=0
source "$src/tests/cli/same_output.sh"

check() {  # check DESCRIPTION command...: succeeds when the command does
  local what="$1"
  shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what" >&2; fi
}

# 2 points x 3 replications = 6 runs: 4 ranks get 2, 2, 1 and 1 of them.
sweep=(sweep "$src/scenarios/default.ini" --vary "buyers.retry_after_refusal=0.2,0.9" --reps 3
       --horizon 20d --set run.warmup=5d --set arrivals.orders_per_day=300)

"$ms" "${sweep[@]}" --out single >single.txt 2>single.err
check "single-process run succeeds" test $? -eq 0
check "single-process run writes its folder" test -f single/manifest.ini

for n in 2 4; do
  "$mpiexec" -n "$n" "$ms" "${sweep[@]}" --out "ranks$n" >"ranks$n.txt" 2>"ranks$n.err"
  check "$n ranks succeed" test $? -eq 0
  check "$n ranks: the folder is the single run's" same_output single "ranks$n"
  check "$n ranks: the summary is printed once, as in the single run" \
    cmp <(without_wrote single.txt) <(without_wrote "ranks$n.txt")
  check "$n ranks: the closing line is printed once" test "$(grep -c '^wrote ' "ranks$n.txt")" -eq 1
  # Only rank 0 speaks: the single run's stderr (the warm-up warnings of a 20-day run), once.
  check "$n ranks: stderr is the single run's" cmp single.err "ranks$n.err"
done

"$mpiexec" -n 2 "$ms" "${sweep[@]}" --threads 2 --quiet --out threads >/dev/null 2>&1
check "2 ranks x 2 threads succeed" test $? -eq 0
check "2 ranks x 2 threads: the folder is the single run's" same_output single threads

# A failing rank (test hook MARKETSIM_MPI_FAIL_RANK, see tools/mpi/mpi_experiment.hpp).
for case in "2 1" "4 3" "4 0"; do
  read -r n rank <<<"$case"
  MARKETSIM_MPI_FAIL_RANK=$rank "$mpiexec" -n "$n" "$ms" "${sweep[@]}" --quiet --out failed \
    >fail.txt 2>fail.err
  code=$?
  check "$n ranks, rank $rank failing: non-zero exit" test $code -ne 0
  check "$n ranks, rank $rank failing: one line names the rank and the reason" \
    test "$(grep -c '^marketsim: ' fail.err)" -eq 1
  check "$n ranks, rank $rank failing: the line" \
    grep -q "^marketsim: rank $rank: injected failure" fail.err
  check "$n ranks, rank $rank failing: no output folder, not even a staging one" \
    test -z "$(ls -A | grep -v -E '^(single|ranks[0-9]|threads)$' | grep -v -E '\.(txt|err)$')"
done

# An error found before the runs start is the same on every rank: rank 0 alone prints it.
printf '[buyers]\nuses_app = 1.5\n' >bad.ini
"$mpiexec" -n 2 "$ms" run bad.ini --horizon 20d --quiet --out badrun >bad.txt 2>bad.err
code=$?
check "2 ranks, bad scenario: non-zero exit" test $code -ne 0
check "2 ranks, bad scenario: exactly one error line" test "$(wc -l <bad.err)" -eq 1
check "2 ranks, bad scenario: the line" grep -q '^marketsim: bad.ini:2: buyers.uses_app: ' bad.err
echo text >afile
"$mpiexec" -n 2 "$ms" run --horizon 20d --quiet --out afile/out >bad.txt 2>bad.err
code=$?
check "2 ranks, output under a file: non-zero exit" test $code -ne 0
check "2 ranks, output under a file: exactly one error line" test "$(wc -l <bad.err)" -eq 1
rm -f afile bad.ini bad.txt bad.err

echo "mpi_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
