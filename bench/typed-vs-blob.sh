#!/bin/sh
# End-to-end sync throughput with typed tables vs JSON-blob rows, alternating rounds, in a JVM limited to 128 MB.
# Usage: bench/typed-vs-blob.sh [--records N] [--rounds R] [--no-postgres]     (from anywhere)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Djapicmp.skip -Dinvoker.skip=true \
    -Dmdep.outputFile=target/classpath.txt
exec java -Xmx128m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.TypedVsBlobBenchmark "$@"
