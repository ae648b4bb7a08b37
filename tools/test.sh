#!/usr/bin/env bash
# Installs what is missing, builds one preset (release by default; debug or asan) and runs
# the whole test suite with CTest. Usage: tools/test.sh [release|debug|asan]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
tools/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
