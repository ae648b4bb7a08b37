#!/usr/bin/env bash
# Installs what is missing, builds the release preset and runs `marketsim` with the given
# arguments (by default `run`: the default scenario, compiled into the binary).
# Usage: tools/run.sh [marketsim arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target marketsim >/dev/null
if [[ $# -eq 0 ]]; then set -- run; fi
exec build/release/tools/marketsim "$@"
