#!/usr/bin/env bash
# The measurement behind the storage engine choice (README, "Durability"): SQLite vs RocksDB vs a
# plain fsynced append-only file, 16 writers with group commit, then a cold read of every row.
# Usage: bench/engine-compare.sh [ROWS]     (default 300000 rows of 3 KiB)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out/engine
mvn -B -q dependency:get -Dartifact=org.rocksdb:rocksdbjni:9.8.4 >/dev/null
mvn -B -q dependency:build-classpath -Dmdep.outputFile=bench/out/engine/classpath.txt >/dev/null
CP="$(cat bench/out/engine/classpath.txt):$HOME/.m2/repository/org/rocksdb/rocksdbjni/9.8.4/rocksdbjni-9.8.4.jar"
javac -d bench/out/engine -cp "$CP" bench/EngineCompare.java
java -cp "bench/out/engine:$CP" EngineCompare "${1:-300000}"
