#!/usr/bin/env bash
# Installs the Debian packages marketsim needs to build, test and benchmark, only those missing,
# so a second run costs a few dpkg queries. Usage: tools/setup.sh [--with-extras]
#   --with-extras also installs what CI's extra checks use (clang libFuzzer runtime, chromium,
#   mpich, LibreOffice for the workbook's locale check).
set -euo pipefail

packages=(g++ cmake ninja-build libcli11-dev libfmt-dev libeigen3-dev catch2
          libboost-program-options-dev pkg-config libxlsxwriter-dev libsqlite3-dev valgrind)
if [[ "${1:-}" == "--with-extras" ]]; then
  packages+=(clang libclang-rt-14-dev chromium mpich libmpich-dev libreoffice-calc-nogui)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
