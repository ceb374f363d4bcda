#!/bin/sh
# Insert alone into one destination kind, typed tables against JSON only, alternating rounds in one JVM.
# Usage: bench/typed-insert.sh [--records N] [--batch N] [--rounds N] [--url-kind duckdb|sqlite]     (from anywhere)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Djapicmp.skip -Dinvoker.skip=true \
    -Dmdep.outputFile=target/classpath.txt
exec java -Xmx256m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.TypedInsertBenchmark "$@"
