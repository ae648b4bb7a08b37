#!/usr/bin/env bash
# Every bad input of docs/bad-input.md, as one table: the input, the command, the exit code it
# must give and a fragment its one-line message must hold. Two uses of the same rows:
#   bad_input_table.sh MARKETSIM                 prints the doc's table (the real output):
#       tests/cli/bad_input_table.sh build/release/tools/marketsim
#   bad_input_table.sh --check MARKETSIM DOC     the regression test (ctest cli/bad_input): each
#       row gives its exit code, at most one line on stderr holding the fragment, no output
#       folder or staging folder left behind after an error, and the doc's row is what the
#       program prints today (rows marked "env" depend on the user and are not compared).
set -u
mode=doc
if [[ "${1:-}" == --check ]]; then
  mode=check
  shift
fi
ms="$(realpath "$1")"
doc="${2:+$(realpath "$2")}"
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cd "$work"
short=(--horizon 3d --set run.warmup=1d --quiet)
n=0
failed=0
# Set for one row: show (what the bad.ini column shows instead of FILE_TEXT), out (stdout of
# the command, /dev/null by default), env=1 (the row depends on who runs it).
show=""
out_to=/dev/null
env_row=0

# row DESCRIPTION FILE_TEXT CODE FRAGMENT -- ARGS...: FILE_TEXT (printf format, "" for none) goes
# to bad.ini; CODE is the exit code the command must give, FRAGMENT a text its stderr must hold.
row() {
  local what="$1" text="$2" want_code="$3" want="$4"
  shift 5
  rm -rf out bad.ini
  [[ -n "$text" ]] && printf -- "$text" >bad.ini
  timeout 60 "$ms" "$@" >"$out_to" 2>err.txt
  local code=$?
  local err
  err=$(sed -e 's/|/\\|/g' -e "s#$work/##g" -e "s#$work#.#g" err.txt | tr '\n' '\r' | sed 's/\r$//; s/\r/<br>/g')
  local shown_text="$show"
  [[ -z "$shown_text" && -n "$text" ]] && shown_text="\`$(printf -- "$text" | cat -v | sed 's/|/\\|/g' |
    awk '{ printf "%s%s", (NR > 1 ? "\\n" : ""), $0 }')\`"
  n=$((n + 1))
  local shown_cmd="" arg
  for arg in "$@"; do
    [[ -z "$arg" || "$arg" == *[\ \(\)\*\;\&\<\>]* ]] && arg="'$arg'"
    shown_cmd="$shown_cmd${shown_cmd:+ }$arg"
  done
  [[ "$out_to" != /dev/null ]] && shown_cmd="$shown_cmd > $out_to"
  local line
  line=$(printf '| %d | %s | %s | `marketsim %s` | %d | %s |' "$n" "$what" "$shown_text" "$shown_cmd" "$code" \
    "${err:-(none)}")
  if [[ $mode == doc ]]; then
    echo "$line"
  else
    local why=""
    [[ $code -ne $want_code ]] && why="exit $code, want $want_code"
    [[ -n "$want" ]] && ! grep -qF -- "$want" err.txt && why="$why; stderr lacks \"$want\""
    [[ $(wc -l <err.txt) -gt 1 ]] && why="$why; more than one line on stderr"
    if [[ $want_code -ne 0 ]] && [[ -e out ]]; then why="$why; left an output folder"; fi
    if compgen -G "$work/.*.partial-*" >/dev/null || compgen -G "$work/.*.old-*" >/dev/null; then
      why="$why; left a staging folder"
      rm -rf "$work"/.*.partial-* "$work"/.*.old-*
    fi
    if [[ -n "$doc" && $env_row -eq 0 ]] && ! grep -qxF -- "$line" "$doc"; then
      why="$why; $(basename "$doc") row $n differs (regenerate it with this script)"
    fi
    if [[ -n "$why" ]]; then
      failed=$((failed + 1))
      echo "FAILED row $n ($what): ${why#; }" >&2
      sed 's/^/    /' err.txt | cut -c1-300 >&2
    fi
  fi
  show=""
  out_to=/dev/null
  env_row=0
}

: >empty.ini
echo '| # | bad input | bad.ini | command | exit | stderr |'
echo '|---|---|---|---|---|---|'
row "unknown key (typo)" '[buyers]\nchanel = 1\n' 2 'unknown key "buyers.chanel"' -- run bad.ini "${short[@]}" --out out
row "key in the wrong section" '[protection]\nfee_rate = 1%%\n' 2 'unknown key "protection.fee_rate"' -- run bad.ini "${short[@]}" --out out
row "typo'd --set key" '' 2 'did you mean "channel.card.fee_rate"' -- run --set chanel.card.fee_rate=1% "${short[@]}" --out out
row "unknown section" '[byers]\nuses_app = 0.5\n' 2 'did you mean "buyers.uses_app"' -- run bad.ini "${short[@]}" --out out
row "bad duration unit" '[protection]\nmax_delivery_timer = 60x\n' 2 'bad.ini:2: protection.max_delivery_timer' -- run bad.ini "${short[@]}" --out out
row "duration without unit" '[protection]\nmax_delivery_timer = 60\n' 2 'expected a number and a unit' -- run bad.ini "${short[@]}" --out out
row "unknown currency" '[channel.card]\nmin_order = 10 XYZ\n' 2 'unknown currency "XYZ"' -- run bad.ini "${short[@]}" --out out
row "money finer than a cent" '[channel.card]\nmin_order = 1.005 USD\n' 2 'at most 2 decimal digits' -- run bad.ini "${short[@]}" --out out
row "negative delay" '[protection]\ndispute_lead = -3d\n' 2 'must not be negative' -- run bad.ini "${short[@]}" --out out
row "probability above 1" '[buyers]\nuses_app = 1.5\n' 2 'must be between 0 and 1' -- run bad.ini "${short[@]}" --out out
row "negative probability" '[buyers]\nuses_app = -0.1\n' 2 'must be between 0 and 1' -- run bad.ini "${short[@]}" --out out
row "NaN probability" '[buyers]\nuses_app = nan\n' 2 'invalid probability "nan"' -- run bad.ini "${short[@]}" --out out
row "infinite rate of arrivals" '[arrivals]\norders_per_day = inf\n' 2 'invalid number "inf"' -- run bad.ini "${short[@]}" --out out
row "huge number (1e400)" '[arrivals]\norders_per_day = 1e400\n' 2 'invalid number "1e400"' -- run bad.ini "${short[@]}" --out out
row "overflowing money" '[channel.card]\nmax_order = 99999999999999999999 USD\n' 2 'amount out of range' -- run bad.ini "${short[@]}" --out out
row "overflowing duration" '' 2 'run.horizon: invalid duration' -- run --horizon 999999999999999999d --quiet --out out
row "rate finer than 1 bp" '[channel.card]\nfee_rate = 1.955%%\n' 2 'finer than 1 bp' -- run bad.ini "${short[@]}" --out out
row "unbalanced parentheses in a distribution" '[buyers]\nconfirm_delay = lognormal(median=2d, sigma=0.8\n' 2 'expected kind(arguments)' -- run bad.ini "${short[@]}" --out out
row "unknown distribution" '[buyers]\nconfirm_delay = gamma(2d, 1)\n' 2 'unknown kind "gamma"' -- run bad.ini "${short[@]}" --out out
row "unknown distribution argument" '[buyers]\nconfirm_delay = lognormal(median=2d, shape=0.8)\n' 2 'no parameter "shape"' -- run bad.ini "${short[@]}" --out out
row "uniform with min above max" '[buyers]\ndispute_open_delay = uniform(2d, 0s)\n' 2 'min must be below max' -- run bad.ini "${short[@]}" --out out
row "money distribution in two currencies" '[buyers]\norder_value = uniform(1 USD, 100 RUB)\n' 2 'is not in USD' -- run bad.ini "${short[@]}" --out out
row "missing empirical file" '[buyers]\nconfirm_delay = empirical(nosuch.csv)\n' 2 'cannot open empirical file' -- run bad.ini "${short[@]}" --out out
row "unknown channel in shares" '[buyers]\nchannel_shares = card:0.5, nosuch:0.5\n' 2 'unknown channel "nosuch"' -- run bad.ini "${short[@]}" --out out
row "shares not summing to 1" '[buyers]\nchannel_shares = card:0.5, qiwi:0.2\n' 2 'shares sum to 0.7' -- run bad.ini "${short[@]}" --out out
row "min above max" '[channel.card]\nmin_order = 100 USD\nmax_order = 50 USD\n' 2 'channel.card.min_order: above max' -- run bad.ini "${short[@]}" --out out
row "line without =" '[buyers]\nuses_app 0.5\n' 2 'expected "name = value"' -- run bad.ini "${short[@]}" --out out
row "unterminated section header" '[buyers\nuses_app = 0.5\n' 2 "section header must end with ']'" -- run bad.ini "${short[@]}" --out out
row "key given twice" '[buyers]\nuses_app = 0.5\nuses_app = 0.6\n' 2 'given twice (first at line 2)' -- run bad.ini "${short[@]}" --out out
row "key given twice in --set" '' 2 '--set: key "buyers.uses_app" given twice' -- run --set buyers.uses_app=0.5 --set buyers.uses_app=0.6 "${short[@]}" --out out
row "empty file (every default)" '\n' 0 '' -- validate bad.ini
row "binary garbage" '\x7fELF\x02\x01\x01\x00\xff\xfe\x00\x01[\x00=\x9c' 2 'bad key name' -- run bad.ini "${short[@]}" --out out
printf 'include = b.ini\n' >a.ini; printf 'include = a.ini\n' >b.ini
row "include cycle" '' 2 'include cycle: a.ini -> b.ini -> a.ini' -- run a.ini "${short[@]}" --out out
row "missing include" 'include = nosuch.ini\n' 2 'bad.ini:1: cannot open scenario file "nosuch.ini"' -- run bad.ini "${short[@]}" --out out
row "include after a section" '[buyers]\ninclude = a.ini\n' 2 'include must come before the first [section]' -- run bad.ini "${short[@]}" --out out
row "missing scenario file" '' 2 'cannot open scenario file "nosuch.ini"' -- run nosuch.ini "${short[@]}" --out out
row "--set without =" '' 2 'expected key=value' -- run --set buyers.uses_app "${short[@]}" --out out
row "--horizon not a duration" '' 2 'invalid duration "soon"' -- run --horizon soon --quiet --out out
row "--reps 0" '' 2 'not in range 1 to 1000000' -- run --reps 0 "${short[@]}" --out out
row "--threads 0" '' 2 'not in range 1 to 1024' -- run --threads 0 "${short[@]}" --out out
row "--seed negative" '' 2 'run.seed: invalid integer' -- run --seed -1 "${short[@]}" --out out
row "unknown flag" '' 2 'not expected: --bogus' -- run --bogus
mkdir -p existing; echo keep >existing/file.txt
row "existing output folder" '' 2 'exists (use --force to replace it)' -- run "${short[@]}" --out existing
mkdir -p locked && chmod 555 locked
if [[ $(id -u) -eq 0 ]]; then
  env_row=1 row "unwritable output folder" '' 0 '' -- run "${short[@]}" --out locked/out
else
  env_row=1 row "unwritable output folder" '' 1 'is not writable' -- run "${short[@]}" --out locked/out
fi
rm -rf locked/out
echo text >afile
row "output under a file" '' 1 'afile is not a folder' -- run "${short[@]}" --out afile/out
row "bad --vary (no values)" '' 2 'expected key=v1,v2' -- sweep bad.ini --vary novalue "${short[@]}" --out out
row "--vary of an unknown key" '[buyers]\n' 2 'unknown key "buyers.nosuch"' -- sweep bad.ini --vary buyers.nosuch=1,2 "${short[@]}" --out out
row "--vary with a bad value" '[buyers]\n' 2 'invalid probability "2"' -- sweep bad.ini --vary buyers.uses_app=0.5,2 "${short[@]}" --out out
row "--manifest and a scenario" '[buyers]\n' 2 'not both' -- run bad.ini --manifest m.ini "${short[@]}" --out out
row "--seed and --set run.seed" '' 2 '--seed and --set run.seed both given' -- run --seed 5 --set run.seed=3 "${short[@]}" --out out

# Issue 18: sizes past what an order's 8-bit indices hold.
{ printf '[carrier.china_post]\nshare = 0\n[carrier.aliexpress_standard]\nshare = 0\n[carrier.express]\nshare = 0\n'
  for i in $(seq -w 0 299); do printf '[carrier.k%s]\nshare = %s\n' "$i" "$([[ $i == 299 ]] && echo 1 || echo 0)"; done; } >carriers.ini
show='`[carrier.k000]` .. `[carrier.k299]` (carriers.ini)' row "300 added carriers" '' 2 'carriers, above the limit 255' -- validate carriers.ini
{ printf '[seller.new]\nshare = 0\n[seller.established]\nshare = 0\n[seller.fraudulent]\nshare = 0\n'
  for i in $(seq -w 0 299); do printf '[seller.s%s]\nshare = %s\n' "$i" "$([[ $i == 299 ]] && echo 1 || echo 0)"; done; } >sellers.ini
show='`[seller.s000]` .. `[seller.s299]` (sellers.ini)' row "300 added seller segments" '' 2 'seller segments, above the limit 255' -- validate sellers.ini
{ printf '[route.ru]\nshare = 0\n[route.br]\nshare = 0\n[route.other]\nshare = 0\n[route.cn]\nshare = 0\n'
  for i in $(seq -w 0 299); do printf '[route.r%s]\nshare = %s\n' "$i" "$([[ $i == 299 ]] && echo 1 || echo 0)"; done; } >routes.ini
show='`[route.r000]` .. `[route.r299]` (routes.ini)' row "300 added routes" '' 2 'routes, above the limit 255' -- validate routes.ini
for i in $(seq 0 299); do printf '[channel.c%s]\nenabled = true\n' "$i"; done >channels.ini
show='`[channel.c0]` .. `[channel.c299]` (channels.ini)' row "300 added channels" '' 2 'channels, above the limit 255' -- validate channels.ini
# Durations, rates and counts past their bounds (docs/limits.md).
row "duration at the int64 limit" '' 2 'above the maximum 36500d' -- validate empty.ini --set protection.release_after_confirmation=9223372036854775807s
row "huge duration (100000000000000d)" '' 2 'above the maximum 36500d' -- validate empty.ini --set protection.release_after_confirmation=100000000000000d
row "huge transit factor" '' 2 'above the maximum 1000' -- validate empty.ini --set route.br.transit_factor=1e6
row "transit factor times a carrier's transit" '' 2 "times carrier china_post's transit" -- validate empty.ini --set route.br.transit_factor=100
row "orders_per_day 1e300" '' 2 'above the maximum 10000000' -- validate empty.ini --set arrivals.orders_per_day=1e300
row "a replication's work (1e7 orders a day for a year)" '' 2 'arrival candidates' -- validate empty.ini --set arrivals.orders_per_day=10000000
row "constant delay at the int64 limit" '' 2 'above the maximum 36500d' -- validate empty.ini --set 'channel.qiwi.reconciliation_delay=const(9223372036854775807s)'
row "huge constant paid_delay" '' 2 'above the maximum 36500d' -- validate empty.ini --set 'channel.bank_transfer.paid_delay=const(100000000000d)'
row "lognormal with sigma 1e6" '' 2 'draws an infinite value' -- validate empty.ini --set 'buyers.confirm_delay=lognormal(median=2d, sigma=1000000)'
row "normal delay reaching below 0" '' 2 'below the minimum 0s' -- validate empty.ini --set 'buyers.confirm_delay=normal(mean=1d, sd=10d)'
row "money at the int64 limit" '' 2 'above the maximum 10000000 USD' -- validate empty.ini --set 'channel.bank_transfer.terminal_note=92233720368547758.07 USD'
row "order value with sigma 50" '' 2 'above the maximum 10000000 USD' -- validate empty.ini --set 'buyers.order_value=lognormal(median=15 USD, sigma=50)'
row "order value of 1e15 USD" '' 2 'above the maximum 10000000 USD' -- validate empty.ini --set 'buyers.order_value=const(1000000000000000 USD)'
row "fee rate 1e15%" '' 2 'above the maximum 100%' -- validate empty.ini --set channel.card.fee_rate=1000000000000000%
row "rub_per_usd rounding to 0" '' 2 'below the minimum 0.0001' -- validate empty.ini --set fx.rub_per_usd=0.0000001
row "volatility 1e308" '' 2 'above the maximum 0.2' -- validate empty.ini --set fx.daily_volatility=1e308
row "volatility whose walk leaves the range" '' 2 'rate walk can take RUB per USD' -- validate empty.ini --set fx.daily_volatility=0.2
row "--horizon 3000000000d" '' 2 'above the maximum 36500d' -- run --horizon 3000000000d --quiet --out out
row "run.replications 1e9 (past --reps' cap)" '' 2 'above the maximum 1000000' -- run --set run.replications=1000000000 "${short[@]}" --out out
row "the work of all replications" '' 2 'replications of' -- run --reps 100000 --horizon 365d --quiet --out out
row "sweep grid of 1e9 points" '[buyers]\n' 2 'the grid has 1000000000 points' -- sweep bad.ini \
  $(for k in uses_app balance_verified refund_to_balance never_confirms early_confirmation disputes_nonarrival \
      late_problem cancel_before_shipment social_salary_card; do echo "--vary buyers.$k=0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"; done) \
  "${short[@]}" --out out
# Inputs that used to fall back to a default without a word.
mkdir -p folder
row "a folder as the scenario" '' 2 'cannot open scenario file "folder": it is a folder' -- run folder "${short[@]}" --out out
row "a folder as an include" 'include = folder\n' 2 'it is a folder' -- run bad.ini "${short[@]}" --out out
row "a folder as the manifest" '' 2 'it is a folder' -- run --manifest folder "${short[@]}" --out out
mkfifo fifo.ini
row "a FIFO as the scenario" '' 2 'it is not a regular file' -- validate fifo.ini
row "include = /dev/zero" 'include = /dev/zero\n' 2 'it is not a regular file' -- validate bad.ini
row "sweep over run.seed" '[buyers]\n' 2 'one seed and one replication count' -- sweep bad.ini --vary run.seed=1,2,3 "${short[@]}" --out out
row "sweep over run.replications" '[buyers]\n' 2 'one seed and one replication count' -- sweep bad.ini --vary run.replications=1,3 "${short[@]}" --out out
row "negative order value" '[buyers]\norder_value = const(-5.00 USD)\n' 2 'not above the minimum 0 USD' -- validate bad.ini
row "zero order value" '[buyers]\norder_value = const(0 USD)\n' 2 'not above the minimum 0 USD' -- validate bad.ini
row "order values reaching below 0" '[buyers]\norder_value = normal(mean=10 USD, sd=100 USD)\n' 2 'not above the minimum 0 USD' -- validate bad.ini
row "negative partial refund fraction" '[disputes]\npartial_fraction = const(-0.5)\n' 2 'below the minimum 0' -- validate bad.ini
row "partial refund fraction above 1" '[disputes]\npartial_fraction = uniform(0.5, 2)\n' 2 'above the maximum 1' -- validate bad.ini
row "no sellers in a segment" '[seller.new]\npopulation = 0\n' 2 'below the minimum 1' -- validate bad.ini
row "--horizon ''" '' 2 '--horizon: empty value' -- run --horizon '' "${short[@]:2}" --out out
row "--seed ''" '' 2 '--seed: empty value' -- run --seed '' "${short[@]}" --out out
printf -- '-5d\n2d\n' >negative.csv
row "empirical file with a bad first value" '[buyers]\nconfirm_delay = empirical(negative.csv)\n' 2 'negative.csv:1: invalid duration "-5d"' -- validate bad.ini
row "min_order above max_order in another currency" '[channel.card]\nmin_order = 100 USD\nmax_order = 50 RUB\n' 2 'above max_order 50.00 RUB' -- validate bad.ini
row "limits that admit no order" '[channel.card]\nmin_order = 50 RUB\nmax_order = 50 RUB\nmin_inclusive = false\n' 2 'admits no order' -- validate bad.ini
printf '[buyers]\nuses_app = banana\n' >hidden.ini
row "a bad value hidden by --set" '' 2 'hidden.ini:2: buyers.uses_app: invalid probability "banana"' -- validate hidden.ini --set buyers.uses_app=0.5
row "a bad value hidden by the including file" 'include = hidden.ini\n[buyers]\nuses_app = 0.5\n' 2 'hidden.ini:2: buyers.uses_app' -- validate bad.ini
row "--set of a template key" '' 2 'a template: name the entity' -- validate empty.ini --set 'channel.*.fee_rate=1%'
# Structure: depth and size.
for i in $(seq 0 3999); do printf 'include = c%d.ini\n' $((i + 1)) >"c$i.ini"; done; : >c4000.ini
show='`c0.ini` includes `c1.ini` ... `c4000.ini`' row "an include chain 4000 deep" '' 2 'above the limit 64' -- validate c0.ini
head -c 10000000 /dev/zero | tr '\0' k | { printf '[buyers]\n'; cat; printf ' = 1\n'; } >bigkey.ini
show='`[buyers]\nkkk...k = 1` (a 10 MB key, bigkey.ini)' row "a 10 MB key" '' 2 'bytes cut' -- validate bigkey.ini
head -c 10000000 /dev/zero | tr '\0' x | { printf '[buyers]\nuses_app = '; cat; printf '\n'; } >bigvalue.ini
show='`[buyers]\nuses_app = xxx...x` (a 10 MB value, bigvalue.ini)' row "a 10 MB value" '' 2 'bytes cut' -- validate bigvalue.ini
# Output folders.
row "--out with a trailing slash" '' 0 '' -- run "${short[@]}" --out newdir/
[[ $mode == check && ! -f newdir/summary.csv ]] && { failed=$((failed + 1)); echo "FAILED: --out newdir/ wrote no newdir/summary.csv" >&2; }
row "--out ''" '' 2 '--out: empty value' -- run "${short[@]}" --out ''
row "--out ." '' 2 'it holds the current folder' -- run "${short[@]}" --out . --force
row "--out /" '' 2 'the root folder cannot be replaced' -- run "${short[@]}" --out / --force
row "--out under /proc" '' 1 'cannot write /proc/x' -- run "${short[@]}" --out /proc/x
mkdir .out.partial-999999 && echo stale >.out.partial-999999/summary.csv
row "a killed run's staging folder" '' 0 '.out.partial-999999, left behind by a run that was killed' -- run "${short[@]}" --out out
[[ $mode == check && -e .out.partial-999999 ]] && { failed=$((failed + 1)); echo "FAILED: the stale staging folder is still there" >&2; }
out_to=/dev/full row "stdout on a full disk (run)" '' 1 'cannot write standard output: No space left on device' -- run --horizon 3d --set run.warmup=1d --out out2
out_to=/dev/full row "stdout on a full disk (params)" '' 1 'cannot write standard output' -- params
out_to=/dev/full row "stdout on a full disk (validate)" '[buyers]\n' 1 'cannot write standard output' -- validate bad.ini
# Card and wallet funds (channel.*.funds): a currency the channel's buyers cannot hold, a
# negative amount, an unknown currency.
row "funds in a currency the channel cannot hold" '[channel.phone_mts]\nfunds = const(5.00 USD)\n' 2 "channel.phone_mts.funds: USD funds: the channel's buyers hold RUB; set funds in RUB or to none" -- run bad.ini "${short[@]}" --out out
row "negative funds" '[channel.card]\nfunds = const(-5.00 RUB)\n' 2 'channel.card.funds: const(-5.00 RUB) draws -5 RUB, not above the minimum 0 RUB' -- run bad.ini "${short[@]}" --out out
row "funds in an unknown currency" '[channel.qiwi]\nfunds = uniform(1 XYZ, 5 XYZ)\n' 2 'unknown currency "XYZ"' -- run bad.ini "${short[@]}" --out out

if [[ $mode == check ]]; then
  echo "$n rows, $failed failed" >&2
  [[ $failed -eq 0 ]]
fi
