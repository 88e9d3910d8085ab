#!/usr/bin/env bash
# Speed and weight of the native rmqadmin: `clusterList` against a local embedded broker, N runs (default 20), each
# under /usr/bin/time; prints the best and median wall time and maximum resident set size, and the machine's load
# (the best run is the one least disturbed by other work on a shared machine). With --jit it also times the dotnet
# tool's assembly (`dotnet rmqadmin.dll`) for comparison. Target of issue 12: < 50 ms and < 30 MB
# (mqadmin 4.9.8: 4.3-4.5 s, 85 MB).
#   cmd/rmqadmin/measure.sh [--runs N] [--jit] [--no-publish]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs=20 jit=0 publish=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --jit) jit=1; shift ;;
    --no-publish) publish=0; shift ;;
    *) echo "usage: measure.sh [--runs N] [--jit] [--no-publish]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "measure.sh: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

bin="$here/bin/native/rmqadmin"
if [ "$publish" -eq 1 ] || [ ! -x "$bin" ]; then
  bin="$(bash "$here/publish-native.sh")"
fi
source "$here/embedded-broker.sh"
start_broker

# measure LABEL COMMAND...: N runs, one "wall_seconds max_rss_kb" line each, summarised by python.
measure() {
  local label="$1"; shift
  "$@" clusterList -n "$NAMESRV" >/dev/null   # the broker's first answer warms its side, not ours
  local samples=""
  for _ in $(seq "$runs"); do
    local start end rss
    start="$(date +%s%N)"
    rss="$( { /usr/bin/time -f '%M' "$@" clusterList -n "$NAMESRV" >/dev/null; } 2>&1 | tail -1)"
    end="$(date +%s%N)"
    samples+="$(( (end - start) / 1000 )) $rss"$'\n'
  done
  python3 - "$label" "$runs" <<PY
import statistics, sys
rows = [tuple(map(int, l.split())) for l in """$samples""".strip().splitlines()]
wall = sorted(r[0] / 1000 for r in rows); rss = sorted(r[1] / 1024 for r in rows)
print(f"{sys.argv[1]:<8} clusterList, {sys.argv[2]} runs: wall best {wall[0]:.1f} ms, median {statistics.median(wall):.1f} ms; "
      f"max RSS best {rss[0]:.1f} MB, median {statistics.median(rss):.1f} MB")
PY
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
measure native "$bin"
if [ "$jit" -eq 1 ]; then
  dll="$here/bin/Release/net10.0/rmqadmin.dll"
  [ -f "$dll" ] || dotnet build "$here/RocketMQ.Go.Port.Rmqadmin.csproj" -c Release -nodeReuse:false -v quiet >&2
  measure "dotnet" dotnet "$dll"
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
