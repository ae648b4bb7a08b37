#!/usr/bin/env bash
# Runs every bad input of docs/bad-input.md through the program and prints the table's rows:
# the input, the command, the exit code and the exact stderr. Regenerate the table with
#   tests/cli/bad_input_table.sh build/release/tools/marketsim
# Usage: bad_input_table.sh MARKETSIM
set -u
ms="$(realpath "$1")"
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cd "$work"
short=(--horizon 3d --set run.warmup=1d --quiet)
n=0

# row DESCRIPTION FILE_TEXT -- ARGS...: FILE_TEXT (printf format, "" for none) goes to bad.ini.
row() {
  local what="$1" text="$2"
  shift 3
  rm -rf out bad.ini
  [[ -n "$text" ]] && printf -- "$text" >bad.ini
  "$ms" "$@" >/dev/null 2>err.txt
  local code=$?
  local err
  err=$(sed -e 's/|/\\|/g' -e "s#$work/##g" err.txt | tr '\n' '\r' | sed 's/\r$//; s/\r/<br>/g')
  local shown_text=""
  [[ -n "$text" ]] && shown_text="\`$(printf -- "$text" | cat -v | sed 's/|/\\|/g' |
    awk '{ printf "%s%s", (NR > 1 ? "\\n" : ""), $0 }')\`"
  n=$((n + 1))
  printf '| %d | %s | %s | `marketsim %s` | %d | %s |\n' "$n" "$what" "$shown_text" "$*" "$code" \
    "${err:-(none)}"
}

echo '| # | bad input | bad.ini | command | exit | stderr |'
echo '|---|---|---|---|---|---|'
row "unknown key (typo)" '[buyers]\nchanel = 1\n' -- run bad.ini "${short[@]}" --out out
row "key in the wrong section" '[protection]\nfee_rate = 1%%\n' -- run bad.ini "${short[@]}" --out out
row "typo'd --set key" '' -- run --set chanel.card.fee_rate=1% "${short[@]}" --out out
row "unknown section" '[byers]\nuses_app = 0.5\n' -- run bad.ini "${short[@]}" --out out
row "bad duration unit" '[protection]\nmax_delivery_timer = 60x\n' -- run bad.ini "${short[@]}" --out out
row "duration without unit" '[protection]\nmax_delivery_timer = 60\n' -- run bad.ini "${short[@]}" --out out
row "unknown currency" '[channel.card]\nmin_order = 10 XYZ\n' -- run bad.ini "${short[@]}" --out out
row "money finer than a cent" '[channel.card]\nmin_order = 1.005 USD\n' -- run bad.ini "${short[@]}" --out out
row "negative delay" '[protection]\ndispute_lead = -3d\n' -- run bad.ini "${short[@]}" --out out
row "probability above 1" '[buyers]\nuses_app = 1.5\n' -- run bad.ini "${short[@]}" --out out
row "negative probability" '[buyers]\nuses_app = -0.1\n' -- run bad.ini "${short[@]}" --out out
row "NaN probability" '[buyers]\nuses_app = nan\n' -- run bad.ini "${short[@]}" --out out
row "infinite rate of arrivals" '[arrivals]\norders_per_day = inf\n' -- run bad.ini "${short[@]}" --out out
row "huge number (1e400)" '[arrivals]\norders_per_day = 1e400\n' -- run bad.ini "${short[@]}" --out out
row "overflowing money" '[channel.card]\nmax_order = 99999999999999999999 USD\n' -- run bad.ini "${short[@]}" --out out
row "overflowing duration" '' -- run --horizon 999999999999999999d --quiet --out out
row "rate finer than 1 bp" '[channel.card]\nfee_rate = 1.955%%\n' -- run bad.ini "${short[@]}" --out out
row "unbalanced parentheses in a distribution" '[buyers]\nconfirm_delay = lognormal(median=2d, sigma=0.8\n' -- run bad.ini "${short[@]}" --out out
row "unknown distribution" '[buyers]\nconfirm_delay = gamma(2d, 1)\n' -- run bad.ini "${short[@]}" --out out
row "unknown distribution argument" '[buyers]\nconfirm_delay = lognormal(median=2d, shape=0.8)\n' -- run bad.ini "${short[@]}" --out out
row "uniform with min above max" '[buyers]\ndispute_open_delay = uniform(2d, 0s)\n' -- run bad.ini "${short[@]}" --out out
row "money distribution in two currencies" '[buyers]\norder_value = uniform(1 USD, 100 RUB)\n' -- run bad.ini "${short[@]}" --out out
row "missing empirical file" '[buyers]\nconfirm_delay = empirical(nosuch.csv)\n' -- run bad.ini "${short[@]}" --out out
row "unknown channel in shares" '[buyers]\nchannel_shares = card:0.5, nosuch:0.5\n' -- run bad.ini "${short[@]}" --out out
row "shares not summing to 1" '[buyers]\nchannel_shares = card:0.5, qiwi:0.2\n' -- run bad.ini "${short[@]}" --out out
row "min above max" '[channel.card]\nmin_order = 100 USD\nmax_order = 50 USD\n' -- run bad.ini "${short[@]}" --out out
row "line without =" '[buyers]\nuses_app 0.5\n' -- run bad.ini "${short[@]}" --out out
row "unterminated section header" '[buyers\nuses_app = 0.5\n' -- run bad.ini "${short[@]}" --out out
row "key given twice" '[buyers]\nuses_app = 0.5\nuses_app = 0.6\n' -- run bad.ini "${short[@]}" --out out
row "key given twice in --set" '' -- run --set buyers.uses_app=0.5 --set buyers.uses_app=0.6 "${short[@]}" --out out
row "empty file (every default)" '\n' -- validate bad.ini
row "binary garbage" '\x7fELF\x02\x01\x01\x00\xff\xfe\x00\x01[\x00=\x9c' -- run bad.ini "${short[@]}" --out out
printf 'include = b.ini\n' >a.ini; printf 'include = a.ini\n' >b.ini
row "include cycle" '' -- run a.ini "${short[@]}" --out out
row "missing include" 'include = nosuch.ini\n' -- run bad.ini "${short[@]}" --out out
row "include after a section" '[buyers]\ninclude = a.ini\n' -- run bad.ini "${short[@]}" --out out
row "missing scenario file" '' -- run nosuch.ini "${short[@]}" --out out
row "--set without =" '' -- run --set buyers.uses_app "${short[@]}" --out out
row "--horizon not a duration" '' -- run --horizon soon --quiet --out out
row "--reps 0" '' -- run --reps 0 "${short[@]}" --out out
row "--threads 0" '' -- run --threads 0 "${short[@]}" --out out
row "--seed negative" '' -- run --seed -1 "${short[@]}" --out out
row "unknown flag" '' -- run --bogus
mkdir -p existing; echo keep >existing/file.txt
row "existing output folder" '' -- run "${short[@]}" --out existing
mkdir -p locked && chmod 555 locked
row "unwritable output folder" '' -- run "${short[@]}" --out locked/out
echo text >afile
row "output under a file" '' -- run "${short[@]}" --out afile/out
row "bad --vary (no values)" '' -- sweep bad.ini --vary novalue "${short[@]}" --out out
row "--vary of an unknown key" '[buyers]\n' -- sweep bad.ini --vary buyers.nosuch=1,2 "${short[@]}" --out out
row "--vary with a bad value" '[buyers]\n' -- sweep bad.ini --vary buyers.uses_app=0.5,2 "${short[@]}" --out out
row "--manifest and a scenario" '[buyers]\n' -- run bad.ini --manifest m.ini "${short[@]}" --out out
row "--seed and --set run.seed" '' -- run --seed 5 --set run.seed=3 "${short[@]}" --out out
