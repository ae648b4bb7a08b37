#!/usr/bin/env bash
# CTest's scenario/citations: the citation test (citation_test.cpp, tag [seeds]) against the
# articles in $MARKETSIM_SHARED_DIR/seeds (default: ../shared beside the project). A fresh clone
# has no ../shared: then the test is reported as skipped (exit 77, SKIP_RETURN_CODE), not passed.
# Usage: citations.sh TESTS_SCENARIO DEFAULT_SHARED_DIR
set -euo pipefail
shared="${MARKETSIM_SHARED_DIR:-$2}"
if [ ! -d "$shared/seeds" ]; then
  echo "SKIPPED: no articles at $shared/seeds (a fresh clone has no ../shared;" \
       "set MARKETSIM_SHARED_DIR to check the citations)"
  exit 77
fi
export MARKETSIM_SHARED_DIR="$shared"
exec "$1" "[seeds]"
