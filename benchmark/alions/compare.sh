#!/usr/bin/env bash
# Runs this client's producer benchmark and ali-ons' alternately (fresh processes, --rounds, median ratio) against one embedded broker (a child process of
# the C# tool), sync then async. Installs ali-ons with `npm ci` on first use. Extra arguments go to both tools,
# e.g. ./benchmark/alions/compare.sh --count 50000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ ! -d "$here/node_modules/ali-ons" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet build -c Release "$root/benchmark" -nologo -v q >/dev/null
for mode in sync async; do
  dotnet "$root/benchmark/bin/Release/net10.0/RocketMQ.Go.Port.Benchmark.dll" producer --mode "$mode" --alions "$@"
done
