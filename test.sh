#!/usr/bin/env bash
# Runs every test of the solution. Extra arguments go to `dotnet test` (CI adds a results directory).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test RocketMQ.Go.Port.sln -c Release --logger "trx" --logger "console;verbosity=minimal" \
  --blame-hang-timeout 5m "$@"
