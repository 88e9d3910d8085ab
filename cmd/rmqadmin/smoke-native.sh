#!/usr/bin/env bash
# CI's check of the native rmqadmin: publishes it (publish-native.sh), then runs it against an embedded broker:
# clusterList in mqadmin's columns and as JSON, a topic write that topicRoute shows, help, and an unreachable name
# server (exit 1, one line naming it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(bash "$here/publish-native.sh")"
source "$here/embedded-broker.sh"
start_broker

fail() { echo "smoke-native.sh: $*" >&2; exit 1; }

out="$("$bin" clusterList -n "$NAMESRV")" || fail "clusterList exited $?"
header='#Cluster Name     #Broker Name            #BID  #Addr                  #Version                #InTPS(LOAD)       #OutTPS(LOAD) #PCWait(ms) #Hour #SPACE'
[ "$(sed -n 1p <<<"$out")" = "$header" ] || fail "clusterList header is not mqadmin's: $out"
sed -n 2p <<<"$out" | grep -Eq '^DefaultCluster    broker-a {16}0 {5}127\.0\.0\.1:[0-9]+ +V4_9_8 ' \
  || fail "clusterList row is not mqadmin's: $out"
"$bin" clusterList -n "$NAMESRV" --json | python3 -c 'import json,sys; assert len(json.load(sys.stdin)["brokers"]) == 1' \
  || fail "clusterList --json is not one document with one broker"

"$bin" updateTopic -n "$NAMESRV" -c DefaultCluster -t SmokeTopic -r 3 -w 3 >/dev/null || fail "updateTopic exited $?"
"$bin" topicRoute -n "$NAMESRV" -t SmokeTopic --json \
  | python3 -c 'import json,sys; q=json.load(sys.stdin)["queues"]; assert q[0]["writeQueueNums"] == 3, q' \
  || fail "topicRoute does not show the topic updateTopic wrote"

"$bin" help clusterList | grep -q -- '-n,--namesrvAddr' || fail "help clusterList lacks -n"
set +e
err="$("$bin" clusterList -n 127.0.0.1:1 2>&1 >/dev/null)"
status=$?
set -e
[ "$status" -eq 1 ] && [ "$(wc -l <<<"$err")" -eq 1 ] && grep -q '127.0.0.1:1' <<<"$err" \
  || fail "an unreachable name server gave exit $status and: $err"
echo "smoke-native.sh: native rmqadmin passed ($(du -h "$bin" | cut -f1) $bin)"
