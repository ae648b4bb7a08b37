# Sourced by the shell tests: output folders compared as the manifest promises (docs/output.md):
# every file byte for byte, the manifest but for its provenance lines (run_id, date,
# scenario_file, command_line), which say when and how each run was started.
provenance='^; (run_id|date|command_line|scenario_file) = '
# same_output A B: succeeds when the two folders hold the same output.
same_output() {
  diff -r -x manifest.ini "$1" "$2" >/dev/null &&
    diff <(grep -vE "$provenance" "$1/manifest.ini") <(grep -vE "$provenance" "$2/manifest.ini") >/dev/null
}
# digest DIR: a fingerprint of the folder's file list and contents, provenance lines left out.
digest() {
  (cd "$1" && find . -type f | LC_ALL=C sort | while read -r f; do
     echo "$f"
     if [[ $f == ./manifest.ini ]]; then grep -vE "$provenance" "$f"; else cat "$f"; fi
   done) | sha256sum | cut -d' ' -f1
}
# without_wrote FILE: the terminal output without its closing "wrote FOLDER in T s" line.
without_wrote() { grep -v '^wrote .* in [0-9.]* s (' "$1"; }
