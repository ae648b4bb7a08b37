#!/usr/bin/env bash
# The workbook (--xlsx, `marketsim export --xlsx`): one sheet per CSV file, every numeric cell a
# number (read back from the workbook's XML), and, when LibreOffice is installed, the workbook
# opened under ru_RU and de_DE: every number of every CSV comes out as that number in the
# locale's comma-decimal form, which LibreOffice does only for numeric cells (a text cell keeps
# its '.'), and every text cell as it was. Usage: xlsx_test.sh MARKETSIM
set -u
ms="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
fail() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }

printf '[sweep]\nprotection.release_after_confirmation = 0d..7d step 7d\n' >sweep.ini
"$ms" sweep sweep.ini --horizon 12d --set run.warmup=2d --set arrivals.orders_per_day=150 --reps 2 \
  --quiet --xlsx --out out || { echo "the sweep failed" >&2; exit 1; }
[[ -s out/results.xlsx ]] || fail "no out/results.xlsx"
"$ms" export out --xlsx >export.txt || fail "export failed"
grep -q "wrote out/results.xlsx" export.txt || fail "export did not say what it wrote"
"$ms" export missing --xlsx 2>err.txt && fail "export of a missing folder succeeded"
grep -q "missing: no such output folder" err.txt || fail "export of a missing folder: $(cat err.txt)"

# The workbook's XML: a sheet per CSV, numbers where the CSV has numbers, text elsewhere.
python3 - out <<'PY' || fail "workbook cells"
import csv, re, sys, zipfile, pathlib
out = pathlib.Path(sys.argv[1])
z = zipfile.ZipFile(out / "results.xlsx")
book = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', book)
want = ["summary", "summary_ci", "settlement", "disputes", "refunds", "fees", "limits", "faults",
        "chargebacks", "orders", "escrow_daily", "metrics", "manifest"]
assert names == want, names
def is_number(s):
    try: float(s); return s != ""
    except ValueError: return False
text_columns = {"point", "by", "key", "currency", "metric", "unit", "statistic"}
checked = 0
for i, name in enumerate(names[:-1], start=1):
    xml = z.read(f"xl/worksheets/sheet{i}.xml").decode()
    rows = list(csv.reader(open(out / f"{name}.csv", newline="")))
    cells = {}
    for ref, attrs, body in re.findall(r'<c r="([A-Z]+\d+)"([^>]*)>(.*?)</c>', xml):
        cells[ref] = (attrs, body)
    def col(n):
        s = ""
        n += 1
        while n: n, r = divmod(n - 1, 26); s = chr(65 + r) + s
        return s
    numeric = [rows[0][c] not in text_columns and all(is_number(x[c]) or x[c] == "" for x in rows[1:])
               for c in range(len(rows[0]))]
    for r, row in enumerate(rows[1:], start=2):
        for c, v in enumerate(row):
            if v == "": continue
            attrs, body = cells[f"{col(c)}{r}"]
            if numeric[c]:
                assert 't="' not in attrs, (name, r, c, attrs)
                assert abs(float(re.search(r"<v>(.*)</v>", body).group(1)) - float(v)) <= 1e-9 * max(1, abs(float(v))), (name, r, c)
            else:
                assert 't="inlineStr"' in attrs and f"<t>{v}</t>" in body.replace("&amp;", "&"), (name, r, c, v)
            checked += 1
assert checked > 1000, checked
hdr = z.read("xl/worksheets/sheet3.xml").decode()
assert "settlement_p50_h (hours)" in hdr and "protection.release_after_confirmation_d (days)" in hdr
print(f"{checked} cells as in the CSV files")
PY

# LibreOffice in comma-decimal locales: numbers stay numbers.
# compare.csv (compare, sweep --base) is a sheet of its own, before the manifest.
"$ms" compare --horizon 12d --set run.warmup=2d --set arrivals.orders_per_day=150 --reps 2 --quiet \
  --set-b buyers.never_confirms=0.3 --xlsx --out cmp || fail "compare --xlsx"
"$ms" export cmp --xlsx >/dev/null || fail "export of a compare folder"
python3 - cmp/results.xlsx <<'PY' || fail "the compare sheet"
import re, sys, zipfile
names = re.findall(r'<sheet name="([^"]+)"', zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())
assert names[-2:] == ["compare", "manifest"], names
PY

if command -v soffice >/dev/null; then
  for loc in ru_RU:1049 de_DE:1031; do
    lang=${loc%%:*}
    code=${loc##*:}
    mkdir -p "lo-$lang"
    LANG=$lang.UTF-8 LC_ALL=$lang.UTF-8 soffice --headless -env:UserInstallation=file://$work/profile \
      --convert-to "csv:Text - txt - csv (StarCalc):59,34,76,1,,$code,false,false,true,false,false,-1" \
      --outdir "lo-$lang" out/results.xlsx >/dev/null 2>&1 || fail "soffice under $lang"
    python3 - out "lo-$lang" "$lang" <<'PY' || fail "LibreOffice under $lang"
import csv, sys, pathlib
out, lo, lang = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
def is_number(s):
    try: float(s); return s != ""
    except ValueError: return False
numbers = 0
for f in sorted(out.glob("*.csv")):
    mine = list(csv.reader(open(f, newline="")))
    theirs = list(csv.reader(open(lo / f"results-{f.stem}.csv", newline="", encoding="utf-8"), delimiter=";"))
    assert len(mine) == len(theirs), (f.name, len(mine), len(theirs))
    for r in range(1, len(mine)):
        for c, v in enumerate(mine[r]):
            t = theirs[r][c] if c < len(theirs[r]) else ""
            if is_number(v) and mine[0][c] not in ("point", "key"):
                assert t == v.replace(".", ","), (f.name, r, mine[0][c], v, t)
                numbers += 1
            else:
                assert t == v, (f.name, r, mine[0][c], v, t)
assert numbers > 1000
print(f"{lang}: {numbers} numbers read as numbers")
PY
  done
else
  echo "LibreOffice (soffice) not installed: the locale check is skipped"
fi

[[ $failed -eq 0 ]] && echo "xlsx: all checks passed"
exit $(( failed > 0 ))
