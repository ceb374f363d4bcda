#!/bin/sh
# Runs the request-budget benchmark: the Close connector with default settings against loopback servers allowing
# 25 and 100 requests/second (429 beyond), plus concurrency and SQLite-writer comparisons.
# Usage: bench/budget.sh [--records N] [--latency-ms L]     (from anywhere)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
exec java -Xmx256m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.BudgetBenchmark "$@"
