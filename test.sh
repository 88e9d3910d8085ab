#!/usr/bin/env bash
# Runs every test of the solution. Extra arguments go to `dotnet test` (CI adds a results directory).
set -euo pipefail
cd "$(dirname "$0")"

# The broker's interop tests run the ali-ons JavaScript client: install test/interop's locked modules when they
# are missing or the lock file changed. Without node/npm the interop tests fail and say why.
interop=test/interop
if command -v npm >/dev/null 2>&1; then
  stamp="$interop/node_modules/.lock-sha256"
  want="$(sha256sum "$interop/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    if npm ci --prefix "$interop" --no-audit --no-fund --loglevel=error >/dev/null; then
      echo "$want" >"$stamp"
    else
      echo "test.sh: npm ci --prefix $interop failed; the ali-ons interop tests will fail" >&2
    fi
  fi
else
  echo "test.sh: npm not found; the ali-ons interop tests will fail (install Node.js and npm)" >&2
fi

dotnet test RocketMQ.Go.Port.sln -c Release --logger "trx" --logger "console;verbosity=minimal" \
  --blame-hang-timeout 5m "$@"
