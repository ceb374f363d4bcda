package dev.tributary.connect;

import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.spi.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Records per second of the same Stripe customers ({@link FixtureStripe}, loopback) synced into SQLite directly by
 * the Tributary engine ({@code Tributary.sync}, as {@code tributary sync} does) versus through Kafka Connect: the
 * source connector into a topic of an in-process KRaft broker, and the sink connector from it into SQLite, on a
 * one-worker Connect cluster loading the built plugin folder. The same Stripe plugin (from the plugin folder) runs
 * in both. One run each; Connect's time runs from creating both connectors to the sink having committed every
 * record, its cluster start not counted. The connectors get the throughput settings of docs/kafka-connect.md
 * ("Sizing"); {@code source.PROPERTY=VALUE} / {@code sink.PROPERTY=VALUE} arguments replace or add connector
 * properties. Rows are counted by a separate {@code sqlite3} process once the worker has stopped; the CPU time of
 * this JVM (worker and broker included) is printed for each path, a cost the machine's other load does not change.
 * Not a test: {@code bench/connect-vs-direct.sh [records] [source.P=V|sink.P=V]...}.
 */
public final class ConnectVsDirectBenchmark {

    private ConnectVsDirectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        // The throughput settings docs/kafka-connect.md recommends ("Sizing"); arguments replace or add properties.
        Map<String, String> overrides = new java.util.TreeMap<>(Map.of(
                "source.producer.override.batch.size", "1048576",
                "source.producer.override.linger.ms", "20",
                "sink.header.converter", "org.apache.kafka.connect.storage.StringConverter",
                "sink.tasks.max", "3"));
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 0 || !(args[i].startsWith("source.") || args[i].startsWith("sink."))) {
                throw new IllegalArgumentException("expected source.PROPERTY=VALUE or sink.PROPERTY=VALUE (a "
                        + "property of that connector, e.g. source.producer.override.batch.size=1048576), got "
                        + args[i]);
            }
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Path pluginFolder = Path.of(System.getProperty("tributary.connectPluginPath",
                "connect-adapter/target/connect")).toAbsolutePath();
        if (!Files.isDirectory(pluginFolder.resolve("tributary/plugins"))) {
            throw new IllegalStateException(pluginFolder + "/tributary/plugins is missing; build connect-adapter "
                    + "first (bench/connect-vs-direct.sh does)");
        }
        Path work = Files.createTempDirectory("connect-vs-direct");
        try (FixtureStripe stripe = new FixtureStripe(records)) {
            double direct = direct(stripe, pluginFolder.resolve("tributary/plugins"), work, records);
            Timing connect = viaConnect(stripe, pluginFolder, work, records, overrides);
            System.out.printf("Stripe customers: %,d records of ~1.3 KB, pages of 100, loopback, into SQLite, one run"
                    + " each%n", records);
            System.out.printf("direct (Tributary engine):           %,8.0f records/s%n", direct);
            System.out.printf("Kafka Connect (source -> sink):      %,8.0f records/s (source into the topic alone: "
                    + "%,.0f records/s)%n", connect.endToEnd(), connect.sourceOnly());
            System.out.printf("ratio Connect/direct: %.2f%n", connect.endToEnd() / direct);
        }
    }

    private record Timing(double endToEnd, double sourceOnly) {
    }

    /** The CPU time this JVM has used, all threads: a cost that does not depend on the machine's other load. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double direct(FixtureStripe stripe, Path plugins, Path work, int records) {
        Path warehouse = work.resolve("direct.db");
        double seconds;
        double cpuSeconds;
        long synced;
        try (Tributary tributary = Tributary.builder().home(work.resolve("home")).pluginsDir(plugins)
                .classpathDiscovery(false).build()) {
            SyncJob job = SyncJob.builder("stripe")
                    .config(Map.of("api_key", "sk_test_bench", "api_base_url", stripe.baseUrl()))
                    .entities(java.util.List.of("customers"))
                    .destination("jdbc:sqlite:" + warehouse)
                    .settings(Settings.DEFAULTS.withRequestsPerSecond(100_000))
                    .requestRateSet(true)
                    .build();
            long start = System.nanoTime();
            long cpu = cpuNanos();
            SyncResult result = tributary.sync(job);
            seconds = (System.nanoTime() - start) / 1e9;
            cpuSeconds = (cpuNanos() - cpu) / 1e9;
            synced = result.entities().stream().mapToLong(EntityResult::records).sum();
        }
        requireRows(warehouse, records, "direct: synced " + synced);
        System.out.printf("direct: %,d records in %.1f s, %.1f CPU-s in this JVM%n", records, seconds, cpuSeconds);
        return records / seconds;
    }

    private static Timing viaConnect(FixtureStripe stripe, Path pluginFolder, Path work, int records,
            Map<String, String> overrides) throws Exception {
        Path warehouse = work.resolve("connect.db");
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", pluginFolder.toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("key.converter.schemas.enable", "false");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter.schemas.enable", "true");
        worker.put("value.converter.decimal.format", "NUMERIC");
        worker.put("offset.flush.interval.ms", "500");
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder().name("connect-vs-direct")
                .numWorkers(1).workerProps(worker).build();
        connect.start();
        boolean stopped = false;
        try {
            connect.kafka().createTopic("bench.customers", 3);
            Map<String, String> source = new HashMap<>();
            source.put("connector.class", "dev.tributary.connect.TributarySourceConnector");
            source.put("tasks.max", "1");
            source.put("tributary.connector", "stripe");
            source.put("tributary.config.api_key", "sk_test_bench");
            source.put("tributary.config.api_base_url", stripe.baseUrl());
            source.put("tributary.entities", "customers");
            source.put("tributary.settings.requestsPerSecond", "100000");
            source.put("tributary.poll.interval.ms", "600000");
            source.put("topic.prefix", "bench");
            Map<String, String> sink = new HashMap<>();
            sink.put("connector.class", "dev.tributary.connect.TributarySinkConnector");
            sink.put("tasks.max", "1");
            sink.put("topics", "bench.customers");
            sink.put("topic.prefix", "bench");
            sink.put("tributary.table.prefix", "stripe");
            sink.put("tributary.destination.url", "jdbc:sqlite:" + warehouse);
            overrides.forEach((name, value) -> {
                boolean ofSource = name.startsWith("source.");
                (ofSource ? source : sink).put(name.substring(ofSource ? 7 : 5), value);
            });
            System.out.println("connector properties set: " + (overrides.isEmpty() ? "none" : overrides));
            long start = System.nanoTime();
            long cpu = cpuNanos();
            connect.configureConnector("bench-source", source);
            connect.configureConnector("bench-sink", sink);
            double sourceSeconds = 0;
            long produced = -1;
            while (true) {
                if (sourceSeconds == 0 && sourceFinished(connect)) {
                    sourceSeconds = (System.nanoTime() - start) / 1e9;
                    produced = TopicOffsets.latest(connect, "bench.customers").values().stream()
                            .mapToLong(Long::longValue).sum();
                }
                if (sourceSeconds > 0 && sinkCommitted(connect) >= produced) {
                    break;
                }
                if (System.nanoTime() - start > 600e9) {
                    throw new IllegalStateException("Connect did not move " + records + " records in 10 minutes");
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpuNanos() - cpu) / 1e9;
            System.out.printf("Connect: source done after %.1f s (%,d records in the topic), sink after %.1f s, "
                    + "%.1f CPU-s in this JVM (worker and broker included)%n", sourceSeconds, produced, seconds,
                    cpuSeconds);
            String topic = TopicOffsets.describe(connect, "bench.customers");
            connect.deleteConnector("bench-sink");
            connect.deleteConnector("bench-source");
            connect.stop();
            stopped = true;
            // Counted by a separate process once the worker (and its copy of SQLite) has stopped.
            requireRows(warehouse, records, "via Connect (topic " + topic + ")");
            if (produced != records) {
                System.out.printf("note: the topic holds %,d records for %,d customers%n", produced, records);
            }
            return new Timing(records / seconds, records / sourceSeconds);
        } finally {
            if (!stopped) {
                connect.stop();
            }
        }
    }

    private static boolean sourceFinished(EmbeddedConnectCluster connect) {
        try {
            var offsets = connect.connectorOffsets("bench-source").offsets();
            return offsets.size() == 1 && Boolean.TRUE.equals(offsets.get(0).offset().get("finished"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The records the sink has committed (its consumer offsets, summed over the partitions). */
    private static long sinkCommitted(EmbeddedConnectCluster connect) {
        try {
            return connect.connectorOffsets("bench-sink").offsets().stream()
                    .mapToLong(offset -> ((Number) offset.offset().get("kafka_offset")).longValue()).sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * Checks, from a separate {@code sqlite3} process, that the table holds exactly one row per customer with the
     * server's e-mail; lists the missing customers otherwise.
     */
    private static void requireRows(Path warehouse, int records, String what) {
        long rows = SqliteCli.number(warehouse, "SELECT COUNT(*) FROM stripe_customers");
        long exact = SqliteCli.number(warehouse, "SELECT COUNT(*) FROM stripe_customers WHERE email = "
                + "'customer' || CAST(substr(id, 5) AS INTEGER) || '@example.com' AND _deleted_at IS NULL");
        if (rows == records && exact == records) {
            return;
        }
        java.util.BitSet present = new java.util.BitSet(records + 1);
        SqliteCli.query(warehouse, "SELECT CAST(substr(id, 5) AS INTEGER) FROM stripe_customers")
                .forEach(line -> present.set(Integer.parseInt(line.strip())));
        StringBuilder missing = new StringBuilder();
        for (int from = present.nextClearBit(1); from <= records; from = present.nextClearBit(from)) {
            int to = Math.min(records + 1, present.nextSetBit(from) < 0 ? records + 1 : present.nextSetBit(from));
            missing.append(missing.isEmpty() ? "" : ", ").append(FixtureStripe.id(from))
                    .append(to - 1 > from ? ".." + FixtureStripe.id(to - 1) : "");
            from = to;
        }
        throw new IllegalStateException(what + ": " + rows + " rows (" + exact + " exact), expected " + records
                + "; missing customers (oldest = 1): " + missing);
    }
}
