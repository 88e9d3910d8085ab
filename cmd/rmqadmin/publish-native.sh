#!/usr/bin/env bash
# Publishes rmqadmin as one NativeAOT file for linux-x64 into cmd/rmqadmin/bin/native/ (prints its path), after
# installing what AOT needs. Fails on any trimming or AOT warning: the native file must behave as the tool does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/bin/native"

bash "$root/scripts/install-aot-prereqs.sh"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet publish "$here/RocketMQ.Go.Port.Rmqadmin.csproj" -c Release -r linux-x64 -p:PublishAot=true \
     -o "$out" -nodeReuse:false >"$log" 2>&1; then
  cat "$log" >&2
  echo "publish-native.sh: dotnet publish failed" >&2
  exit 1
fi
# Trim and AOT analysis warnings are IL2xxx/IL3xxx; ILC may report them without failing the publish.
if grep -E 'warning (IL[23][0-9]{3}|AOT)' "$log" >&2; then
  echo "publish-native.sh: the AOT publish has warnings (above)" >&2
  exit 1
fi
echo "$out/rmqadmin"
