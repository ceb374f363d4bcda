#!/bin/sh
# Runs the sync benchmarks in a JVM limited to 128 MB of heap.
# Usage: bench/run.sh [--records N] [--no-postgres]     (from the repository root)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=bench/target/classpath.txt
exec java -Xmx128m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.SyncBenchmark "$@"
