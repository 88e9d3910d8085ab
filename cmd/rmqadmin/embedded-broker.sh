# Sourced by smoke-native.sh and measure.sh: start_broker runs the embedded broker tool (cmd/broker, one name server
# and one broker on free 127.0.0.1 ports) in the background and sets NAMESRV to its name server; stop_broker ends it.
# Needs `root` set to the repository root.

start_broker() {
  local dll="$root/cmd/broker/bin/Release/net10.0/rocketmq-broker.dll"
  if [ ! -f "$dll" ]; then
    dotnet build "$root/cmd/broker/RocketMQ.Go.Port.Broker.Tool.csproj" -c Release -nodeReuse:false -v quiet >&2
  fi
  broker_log="$(mktemp)"
  dotnet "$dll" --namesrv-port 0 --broker-port 0 --log-level Warning >"$broker_log" 2>&1 &
  broker_pid=$!
  trap stop_broker EXIT
  local deadline=$((SECONDS + 60))
  NAMESRV=""
  while [ -z "$NAMESRV" ]; do
    if ! kill -0 "$broker_pid" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
      cat "$broker_log" >&2
      echo "embedded-broker.sh: the broker did not start within 60 s" >&2
      return 1
    fi
    grep -q '^press Ctrl+C' "$broker_log" && NAMESRV="$(sed -n 's/^name server: //p' "$broker_log")"
    [ -n "$NAMESRV" ] || sleep 0.2
  done
}

stop_broker() {
  if [ -n "${broker_pid:-}" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -f "${broker_log:-}"
  broker_pid=""
}
