#!/bin/sh
# Runs the webhook benchmark: signed Stripe deliveries to the real API server, applied into SQLite and PostgreSQL.
# Usage: bench/webhooks.sh [--deliveries N] [--clients N] [--seconds S]     (from anywhere)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
exec java -Xmx512m -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.tributary.bench.WebhookBenchmark "$@"
