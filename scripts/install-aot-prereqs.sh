#!/usr/bin/env bash
# NativeAOT (`dotnet publish -p:PublishAot=true`) links with clang and needs zlib's headers: installs Debian's clang
# and zlib1g-dev when they are missing, and nothing when both are there.
set -euo pipefail

missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-aot-prereqs.sh: ${missing[*]} missing and no apt-get here; install them with your package manager" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
echo "install-aot-prereqs.sh: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
