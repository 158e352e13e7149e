#!/usr/bin/env bash
# Scheduler benchmark (see README "Scheduler benchmark"). Builds the jar, then runs
# bench/SchedulerBench.java against it: placements/s and end-to-end time for JOBS x COUNT
# allocations on NODES simulated nodes, and the process's RSS.
#   bench/scheduler.sh                 # 5,000 nodes, 1,000 jobs x 100 = 100,000 allocations
#   bench/scheduler.sh 10000 0 0       # RSS of a 10,000-node fleet alone
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-5000}
JOBS=${2:-1000}
COUNT=${3:-100}
[ -f target/jobgate.jar ] || mvn -B -q -DskipTests package
exec java -Xmx2g -Xmn1g -XX:+UseParallelGC -cp target/jobgate.jar bench/SchedulerBench.java "$NODES" "$JOBS" "$COUNT"
