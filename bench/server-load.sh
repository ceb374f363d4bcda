#!/bin/sh
# Runs the API server load benchmark: concurrent API clients and event-stream followers while data sources sync.
# Usage: bench/server-load.sh [--clients N] [--syncs N] [--seconds S] [--records N]     (from anywhere)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
exec java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.ServerLoadBenchmark "$@"
