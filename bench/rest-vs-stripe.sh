#!/bin/sh
# Records/s of the declarative rest connector (Stripe's starting_after cursor) vs the stripe connector, same server.
# Usage: bench/rest-vs-stripe.sh [records]     (from anywhere)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Djapicmp.skip -Dinvoker.skip=true \
    -Dmdep.outputFile=target/classpath.txt
exec java -Xmx256m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.RestVsStripeBenchmark "$@"
