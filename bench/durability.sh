#!/usr/bin/env bash
# Durability benchmark (issue 5). Not a test: run it by hand on an otherwise idle machine.
#   1. Durable register throughput and latency, 16 concurrent clients, jobgate (-data-dir) side by
#      side with etcd 3.4 taking v2 PUTs of the same job JSON; runs interleaved, medians reported.
#   2. Restart time with JOBS jobs (two versions each, an allocation each): from `java -jar` to the
#      first answered GET /v1/job/:id.
# Usage: bench/durability.sh    (RUNS=5 SECONDS_PER_RUN=10 WARMUP=60 JOBS=100000 by default)
# Both servers first take WARMUP seconds of the same load, unmeasured: jobgate's JIT needs about a
# minute of it on a busy 2-core machine (its first 10 s runs reach a third of its warm rate).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WARMUP=${WARMUP:-60}
JOBS=${JOBS:-100000}
OUT=bench/out
mkdir -p "$OUT"

if ! command -v etcd >/dev/null; then
  apt-get update -qq && apt-get install -y -qq etcd-server >/dev/null
fi
mvn -B -q -DskipTests clean package
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/classes:$(cat "$OUT/classpath.txt")"

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.05; done; echo "timeout: $1" >&2; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

EPORT=$(free_port); EPEER=$(free_port); JPORT=$(free_port)
etcd --data-dir "$WORK/etcd" --listen-client-urls "http://127.0.0.1:$EPORT" \
  --advertise-client-urls "http://127.0.0.1:$EPORT" --listen-peer-urls "http://127.0.0.1:$EPEER" \
  --enable-v2=true >"$OUT/etcd.log" 2>&1 &
PIDS+=($!)
java -jar target/jobgate.jar agent -data-dir "$WORK/jobgate" -http-port "$JPORT" >"$OUT/jobgate.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$EPORT/version"
wait_for "http://127.0.0.1:$JPORT/v1/agent/health"

: >"$OUT/writes.txt"
java bench/DurableLoad.java etcd "http://127.0.0.1:$EPORT" "$WARMUP" 16 >/dev/null
java bench/DurableLoad.java jobgate "http://127.0.0.1:$JPORT" "$WARMUP" 16 >/dev/null
for run in $(seq 1 "$RUNS"); do
  java bench/DurableLoad.java etcd "http://127.0.0.1:$EPORT" "$SECONDS_PER_RUN" 16 | grep RESULT | tee -a "$OUT/writes.txt"
  java bench/DurableLoad.java jobgate "http://127.0.0.1:$JPORT" "$SECONDS_PER_RUN" 16 | grep RESULT | tee -a "$OUT/writes.txt"
done
for p in "${PIDS[@]}"; do kill "$p"; done
PIDS=()

echo "== durable writes, 16 clients, median of $RUNS runs of ${SECONDS_PER_RUN}s"
for t in etcd jobgate; do
  printf '%-8s %6s writes/s  p50 %6s ms  p99 %6s ms\n' "$t" \
    "$(awk -v t=$t '$2==t {print $3}' "$OUT/writes.txt" | median)" \
    "$(awk -v t=$t '$2==t {print $4}' "$OUT/writes.txt" | median)" \
    "$(awk -v t=$t '$2==t {print $5}' "$OUT/writes.txt" | median)"
done

java -cp "$CP" bench/FillStore.java "$WORK/fill" "$JOBS" | tee "$OUT/fill.txt"
du -sh "$WORK/fill" | tee -a "$OUT/fill.txt"
: >"$OUT/restart.txt"
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  java -jar target/jobgate.jar agent -data-dir "$WORK/fill" -http-port "$JPORT" >"$OUT/restart.log" 2>&1 &
  pid=$!
  wait_for "http://127.0.0.1:$JPORT/v1/job/job-$((JOBS - 1))"
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(ps -o rss= -p $pid)" | tee -a "$OUT/restart.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
echo "== restart to serving with $JOBS jobs, median of $RUNS: $(awk '{print $1}' "$OUT/restart.txt" | median) ms," \
  "RSS $(awk '{print $2}' "$OUT/restart.txt" | median) KB"
