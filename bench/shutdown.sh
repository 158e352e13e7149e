#!/usr/bin/env bash
# SIGTERM with N parked watchers (default 19,500: the 20,000-descriptor limit of a process here,
# less what the JVM itself holds). Reports the time from SIGTERM to the last answer and to the
# agent's exit, resets seen by clients, and resident memory per parked query.
#   bench/shutdown.sh [N]        output also in bench/out/shutdown.txt
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-19500}"
mkdir -p bench/out
mvn -B -q -DskipTests package
java -cp target/test-classes:target/jobgate.jar io.jobgate.bench.ShutdownBench \
  --jar target/jobgate.jar --parked "$N" --out bench/out | tee bench/out/shutdown.txt
