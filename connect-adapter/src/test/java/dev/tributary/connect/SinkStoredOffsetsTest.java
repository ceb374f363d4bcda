package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.runtime.Tributary;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Kafka offsets the sink stores with the rows, merged into the stored position inside the write's transaction
 * under the state row's lock: two writers of one table on real SQLite and embedded PostgreSQL, the first holding the
 * lock while the second writes, keep both writers' partitions; a destination without
 * {@code writeMergingState} (SPI 1.0) gets the stored position read before the transaction, with one warning.
 */
class SinkStoredOffsetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "t.items";
    private static final EntityTable TABLE = new EntityTable("t", "items", List.of("id"), "warehouse");

    private static EmbeddedPostgres postgres;

    @TempDir
    Path folder;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoWritersOfOneSqliteTableKeepEachOthersPartitions() throws Exception {
        String url = "jdbc:sqlite:" + folder.resolve("offsets.db");
        // SQLite's waiting writer sleeps inside its busy handler, which nothing shows: give it time to go wrong.
        twoWritersKeepEachOthersPartitions(url, () -> pause(300));
        assertThat(count(url, "SELECT COUNT(*) FROM t_items")).isEqualTo(3);
    }

    @Test
    void twoWritersOfOnePostgresTableKeepEachOthersPartitions() throws Exception {
        String base = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
        try (Connection connection = DriverManager.getConnection(base);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA offsets_race");
        }
        String url = base + "&schema=offsets_race";
        // The second writer's transaction waits for a lock the first holds: PostgreSQL lists it as not granted.
        twoWritersKeepEachOthersPartitions(url, () -> awaitLockWait(base));
        assertThat(count(url, "SELECT COUNT(*) FROM offsets_race.t_items")).isEqualTo(3);
    }

    /**
     * The first writer stores partition 0 and holds the lock inside its merge until the second writer, storing
     * partitions 1 and 2, waits ({@code secondWaits} returns once it is seen waiting, or after a while where it
     * cannot be seen); then both commit.
     */
    private void twoWritersKeepEachOthersPartitions(String url, Runnable secondWaits) throws Exception {
        try (Tributary tributary = TributaryPlugins.open(List.of());
                Destination one = tributary.destinations().open(url, Optional.empty());
                Destination other = tributary.destinations().open(url, Optional.empty());
                EntityWriter first = one.openWriter(TABLE, started());
                EntityWriter second = other.openWriter(TABLE, started())) {
            OffsetCommits firstCommits = new OffsetCommits(one.describe(), one::readState);
            OffsetCommits secondCommits = new OffsetCommits(other.describe(), other::readState);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> calls = new ArrayList<>();
            EntityWriter holder = new ForwardingWriter(first) {
                @Override
                public void writeMergingState(WriteBatch batch,
                        BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
                    super.writeMergingState(batch, (stored, proposed) -> {
                        holding.countDown();
                        await(release);
                        return merge.apply(stored, proposed);
                    });
                }
            };
            EntityWriter waiter = new ForwardingWriter(second) {
                @Override
                public void writeMergingState(WriteBatch batch,
                        BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
                    super.writeMergingState(batch, (stored, proposed) -> {
                        synchronized (calls) {
                            calls.add("second merged, first released: " + (release.getCount() == 0));
                        }
                        return merge.apply(stored, proposed);
                    });
                }
            };

            CompletableFuture<Void> firstWrite = CompletableFuture.runAsync(() -> firstCommits.write(holder, TABLE,
                    TOPIC, batch(Map.of(0, 5L), "a"), Map.of(0, 5L)));
            assertThat(holding.await(60, TimeUnit.SECONDS)).as("the first writer reached its merge").isTrue();
            CompletableFuture<Void> secondWrite = CompletableFuture.runAsync(() -> secondCommits.write(waiter, TABLE,
                    TOPIC, batch(Map.of(1, 7L, 2, 3L), "b", "c"), Map.of(1, 7L, 2, 3L)));
            secondWaits.run();
            assertThat(secondWrite).as("the second write while the first holds the lock").isNotDone();
            release.countDown();
            firstWrite.get(60, TimeUnit.SECONDS);
            secondWrite.get(60, TimeUnit.SECONDS);

            assertThat(calls).containsExactly("second merged, first released: true");
            assertThat(partitions(one.readState(TABLE))).isEqualTo(JSON.readTree("{\"0\":5,\"1\":7,\"2\":3}"));
        }
    }

    @Test
    void sinkTasksOfOneTableStoreTheirOwnPartitionsAndANewOwnerSeeksToThem() throws Exception {
        Path file = folder.resolve("tasks.db");
        TributarySinkTask first = task(file, new QuietSinkTaskContext());
        TributarySinkTask second = task(file, new QuietSinkTaskContext());
        try {
            first.open(Set.of(new TopicPartition(TOPIC, 0)));
            second.open(Set.of(new TopicPartition(TOPIC, 1)));
            first.put(List.of(record(0, 0, "a"), record(0, 1, "b")));
            second.put(List.of(record(1, 0, "c")));
            first.put(List.of(record(0, 2, "d")));
        } finally {
            first.stop();
            second.stop();
        }
        String url = "jdbc:sqlite:" + file;
        assertThat(partitions(url)).isEqualTo(JSON.readTree("{\"0\":3,\"1\":1}"));
        assertThat(count(url, "SELECT COUNT(*) FROM t_items")).isEqualTo(4);

        Map<TopicPartition, Long> seeks = new HashMap<>();
        TributarySinkTask owner = task(file, new QuietSinkTaskContext() {
            @Override
            public void offset(Map<TopicPartition, Long> offsets) {
                seeks.putAll(offsets);
            }
        });
        try {
            owner.open(Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1),
                    new TopicPartition(TOPIC, 2)));
        } finally {
            owner.stop();
        }
        assertThat(seeks).isEqualTo(Map.of(new TopicPartition(TOPIC, 0), 3L, new TopicPartition(TOPIC, 1), 1L));
    }

    @Test
    void aDestinationWithoutWriteMergingStateGetsTheStoredPositionReadBeforeEachWriteAndOneWarning() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(OffsetCommits.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            SyncState stored = new SyncState(SyncMode.INCREMENTAL, false,
                    Optional.of(OffsetCommits.proposed(TOPIC, Map.of(0, 3L, 2, 9L)).position().orElseThrow()),
                    Optional.empty(), Optional.empty());
            List<WriteBatch> written = new ArrayList<>();
            List<String> merges = new ArrayList<>();
            EntityWriter spi10 = new EntityWriter() {
                @Override
                public void write(WriteBatch batch) {
                    written.add(batch);
                }

                @Override
                public void writeMergingState(WriteBatch batch,
                        BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
                    merges.add("called");
                    EntityWriter.super.writeMergingState(batch, merge);
                }

                @Override
                public void finish(SyncState state) {
                }

                @Override
                public void close() {
                }
            };
            List<EntityTable> reads = new ArrayList<>();
            OffsetCommits commits = new OffsetCommits("json files in /data", table -> {
                reads.add(table);
                return Optional.of(stored);
            });

            commits.write(spi10, TABLE, TOPIC, batch(Map.of(0, 5L), "a"), Map.of(0, 5L));
            commits.write(spi10, TABLE, TOPIC, batch(Map.of(1, 2L), "b"), Map.of(1, 2L));

            assertThat(merges).as("writeMergingState tried once").hasSize(1);
            assertThat(reads).containsExactly(TABLE, TABLE);
            assertThat(written).hasSize(2);
            assertThat(written.get(0).records()).containsExactly(Map.of("id", "a"));
            assertThat(partitions(Optional.of(written.get(0).state())))
                    .isEqualTo(JSON.readTree("{\"0\":5,\"2\":9}"));
            assertThat(partitions(Optional.of(written.get(1).state())))
                    .isEqualTo(JSON.readTree("{\"0\":3,\"1\":2,\"2\":9}"));
            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("destination json files in /data cannot merge")
                        .contains("with several tasks writing one table a stored offset may lag behind");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    private static SyncState started() {
        return SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
    }

    private static WriteBatch batch(Map<Integer, Long> next, String... ids) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String id : ids) {
            records.add(Map.of("id", id));
        }
        return new WriteBatch(records, List.of(), OffsetCommits.proposed(TOPIC, next), Instant.now());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the first writer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns once a PostgreSQL backend waits for a lock, failing after 60 s. */
    private static void awaitLockWait(String url) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet waiting = statement.executeQuery("SELECT COUNT(*) FROM pg_locks WHERE NOT granted")) {
                    if (waiting.next() && waiting.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the second writer never waited for a lock");
    }

    private static TributarySinkTask task(Path file, QuietSinkTaskContext context) {
        TributarySinkTask task = new TributarySinkTask();
        task.initialize(context);
        Map<String, String> props = new HashMap<>();
        props.put("name", "warehouse");
        props.put("topic.prefix", "t");
        props.put(SinkConfig.DESTINATION_URL, "jdbc:sqlite:" + file);
        task.start(props);
        return task;
    }

    private static SinkRecord record(int partition, long offset, String id) {
        return new SinkRecord(TOPIC, partition, null, Map.of("id", id), null, Map.of("id", id, "n", 1), offset);
    }

    private static JsonNode partitions(Optional<SyncState> state) throws Exception {
        return JSON.readTree(state.flatMap(SyncState::position).orElseThrow()).at("/kafka/partitions");
    }

    /** The stored partitions of table {@code t_items}: partition to next offset. */
    private static JsonNode partitions(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT position FROM _tributary_state WHERE prefix = 't' AND entity = 'items'")) {
            assertThat(result.next()).isTrue();
            return JSON.readTree(result.getString(1)).at("/kafka/partitions");
        }
    }

    private static long count(String url, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url.replace("&schema=offsets_race", ""));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getLong(1) : -1;
        }
    }

    /** A writer passing every call to another. */
    private static class ForwardingWriter implements EntityWriter {
        private final EntityWriter writer;

        ForwardingWriter(EntityWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(WriteBatch batch) {
            writer.write(batch);
        }

        @Override
        public void writeMergingState(WriteBatch batch,
                BiFunction<Optional<SyncState>, SyncState, SyncState> merge) {
            writer.writeMergingState(batch, merge);
        }

        @Override
        public void finish(SyncState state) {
            writer.finish(state);
        }

        @Override
        public void close() {
            writer.close();
        }
    }
}
