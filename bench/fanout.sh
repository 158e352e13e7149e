#!/usr/bin/env bash
# Long-poll fan-out benchmark: K parked GET /v1/jobs?index=N&wait=300s, one register, time until
# every parked request has its whole response; the same loader against etcd 3.4's v2 long-poll in
# the same run. Prints one line per run and the medians.
#
#   bench/fanout.sh                 # K = 5000 and 19000, 5 runs each, jobgate and etcd
#   RUNS=3 KS="5000" bench/fanout.sh
#   PEER=none bench/fanout.sh       # jobgate only
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
KS=${KS:-"5000 19000"}
PEER=${PEER:-etcd}
PORT=${PORT:-14646}
ETCD_PORT=${ETCD_PORT:-12379}
JAVA_OPTS=${JAVA_OPTS:-"-Xms256m -Xmx1g -XX:+UseParallelGC"}
OUT=bench/out
mkdir -p "$OUT"

[ -f target/jobgate.jar ] || mvn -B -q -DskipTests package
javac -d "$OUT" bench/FanoutLoader.java

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
field() { sed -n "s/.*$1=\([-0-9.]*\).*/\1/p"; }

run_loader() { # mode port k pid
  java -Xmx2g -cp "$OUT" FanoutLoader "$@"
}

start_jobgate() {
  java $JAVA_OPTS -jar target/jobgate.jar agent -dev -http-port "$PORT" > "$OUT/jobgate.log" 2>&1 &
  JG_PID=$!
  for _ in $(seq 1 100); do curl -sf "localhost:$PORT/v1/agent/health" >/dev/null && return; sleep 0.1; done
  echo "jobgate did not start" >&2; exit 1
}

start_etcd() {
  if ! command -v etcd >/dev/null; then
    apt-get update -qq && apt-get install -y -qq etcd-server >/dev/null
  fi
  rm -rf "$OUT/etcd-data"
  etcd --enable-v2 --data-dir "$OUT/etcd-data" --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" --listen-peer-urls http://127.0.0.1:12380 \
    > "$OUT/etcd.log" 2>&1 &
  ETCD_PID=$!
  for _ in $(seq 1 100); do curl -sf "localhost:$ETCD_PORT/version" >/dev/null && return; sleep 0.1; done
  echo "etcd did not start" >&2; exit 1
}

report() { # label file
  local f=$2
  printf '%-8s %-7s p50 %7s ms  p99 %7s ms  max %7s ms  rss/parked %6s KB  heap/parked %6s KB  (median of %s)\n' \
    "$1" "$3" "$(field p50_ms < "$f" | median)" "$(field p99_ms < "$f" | median)" "$(field max_ms < "$f" | median)" \
    "$(field rss_per_parked_kb < "$f" | median)" "$(field heap_per_parked_kb < "$f" | median)" "$(wc -l < "$f")"
}

trap 'kill ${JG_PID:-} ${ETCD_PID:-} 2>/dev/null || true' EXIT
echo "== $(date -u +%FT%TZ) $(nproc) cores, runs=$RUNS, JAVA_OPTS=$JAVA_OPTS"
for k in $KS; do
  : > "$OUT/jobgate-$k.txt"; : > "$OUT/etcd-$k.txt"
  for r in $(seq 1 "$RUNS"); do
    start_jobgate
    run_loader jobgate "$PORT" 5000 > /dev/null            # warm-up: JIT the wake path
    run_loader jobgate "$PORT" 5000 > /dev/null
    line=$(run_loader jobgate "$PORT" "$k" "$JG_PID")
    echo "$line" | tee -a "$OUT/jobgate-$k.txt"
    kill "$JG_PID"; wait "$JG_PID" 2>/dev/null || true
    if [ "$PEER" = etcd ]; then
      start_etcd
      run_loader etcd "$ETCD_PORT" 1000 > /dev/null
      line=$(run_loader etcd "$ETCD_PORT" "$k" "$ETCD_PID")
      echo "$line" | tee -a "$OUT/etcd-$k.txt"
      kill "$ETCD_PID"; wait "$ETCD_PID" 2>/dev/null || true
    fi
  done
done
grep -c "has been blocked" "$OUT/jobgate.log" | sed "s/^/blocked-thread warnings in the last jobgate log: /" || true
echo "== medians"
for k in $KS; do
  report jobgate "$OUT/jobgate-$k.txt" "k=$k"
  [ "$PEER" = etcd ] && report etcd "$OUT/etcd-$k.txt" "k=$k"
done
