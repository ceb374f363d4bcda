#!/bin/sh
# Runs the sync benchmarks in a JVM limited to 128 MB of heap.
# Usage: bench/run.sh [--records N] [--no-postgres] [--no-duckdb] [--no-duckdb-small-batches]     (from anywhere)
set -e
cd "$(dirname "$0")/.."
# One reactor invocation, so the in-tree modules resolve without installing them into ~/.m2.
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
exec java -Xmx128m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.SyncBenchmark "$@"
