#!/bin/sh
# Records/s of a direct Tributary sync vs Kafka Connect (source -> broker -> sink), same fake Stripe, into SQLite.
# Usage: bench/connect-vs-direct.sh [records] [source.PROPERTY=VALUE | sink.PROPERTY=VALUE]...
#   (from anywhere; default 20000 records; the connectors get docs/kafka-connect.md's throughput settings, which
#   the arguments replace or add to; rows are counted by the sqlite3 shell, which must be installed)
set -e
cd "$(dirname "$0")/.."
mvn -B -q -pl connect-adapter -am package dependency:build-classpath -DskipTests -Djapicmp.skip -Dinvoker.skip=true \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Xmx1g -Dlogback.configurationFile=connect-adapter/src/test/resources/logback-test.xml \
    -Dtributary.connectPluginPath=connect-adapter/target/connect \
    -cp "connect-adapter/target/test-classes:connect-adapter/target/classes:$(cat connect-adapter/target/bench-classpath.txt)" \
    dev.tributary.connect.ConnectVsDirectBenchmark "$@"
