package dev.tributary.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.spi.Batch;
import dev.tributary.spi.FetchOptions;
import dev.tributary.testkit.FakeConnectorContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rest connector against a real json-server 0.17.4 serving customers made from the Stripe customer fixture and
 * their notes ({@code /customers/{id}/notes}, json-server's nested route): Link-header, page-number and
 * {@code _start}/{@code _limit} pagination, server-side {@code updated_at_gte} filtering, parent-child, and a crash
 * mid-resource resumed from the state stored with the rows, each synced into a SQLite file and compared exactly.
 */
class JsonServerSyncTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final int CUSTOMERS = 57;
    private static final Instant FIRST_UPDATE = Instant.parse("2024-01-01T08:00:00Z");

    @TempDir
    static Path folder;

    private static JsonServer server;
    private static final List<Map<String, Object>> customers = new ArrayList<>();
    private static final List<Map<String, Object>> notes = new ArrayList<>();

    @BeforeAll
    static void serve() throws Exception {
        Map<String, Object> fixture;
        try (InputStream in = JsonServerSyncTest.class.getResourceAsStream("/fixtures/stripe-customer.json")) {
            fixture = JSON.parseObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        int noteId = 1;
        for (int id = 1; id <= CUSTOMERS; id++) {
            Map<String, Object> customer = new LinkedHashMap<>();
            customer.put("id", id);
            customer.put("name", "Customer " + id);
            customer.put("email", "c" + id + "@example.com");
            customer.put("currency", fixture.get("currency"));
            customer.put("balance", id * 100);
            customer.put("delinquent", id % 5 == 0);
            customer.put("address", fixture.get("address"));
            customer.put("created", ((Number) fixture.get("created")).longValue() + id * 3600L);
            customer.put("updated_at", FIRST_UPDATE.plus(id, ChronoUnit.DAYS).toString());
            customers.add(customer);
            for (int n = 0; n < id % 4; n++) {
                notes.add(new LinkedHashMap<>(Map.of("id", noteId++, "customerId", id, "text",
                        "note " + n + " on customer " + id)));
            }
        }
        Path db = folder.resolve("db.json");
        Files.writeString(db, JSON.write(Map.of("customers", customers, "notes", notes)));
        Map<String, Object> served = JSON.parseObject(Files.readString(db)); // numbers as the connector reads them
        customers.clear();
        customers.addAll(rows(served.get("customers")));
        notes.clear();
        notes.addAll(rows(served.get("notes")));
        server = JsonServer.start(db);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object list) {
        return (List<Map<String, Object>>) list;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, Object> config(Map<String, Object>... resources) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base_url", server.url());
        config.put("resources", List.of(resources));
        return config;
    }

    private static Map<String, Object> customersBy(Map<String, Object> paginator, Map<String, Object> params) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", "customers");
        resource.put("path", "/customers");
        resource.put("params", params);
        resource.put("paginator", paginator);
        resource.put("incremental", Map.of("cursor_field", "updated_at", "param", "updated_at_gte",
                "format", "iso8601"));
        resource.put("schema", Map.of("updated_at", "timestamp", "created", "timestamp:epoch_seconds"));
        return resource;
    }

    private static Map<String, Object> linkHeaderCustomers() {
        return customersBy(Map.of("type", "link_header"), Map.of("_page", 1, "_limit", 10));
    }

    private static Map<String, Object> notesOf() {
        return Map.of("name", "notes", "path", "/customers/{id}/notes", "parent", "customers",
                "paginator", Map.of("type", "none"));
    }

    /** Runs one fetch into {@code sink}, resuming from its stored state; returns the records handed over. */
    private static List<Map<String, Object>> sync(Map<String, Object> config, String entity, SqliteSink sink,
            Instant since, Consumer<Batch> before) throws SQLException {
        List<Map<String, Object>> delivered = new ArrayList<>();
        List<String> key = List.of("id");
        Consumer<Batch> write = sink.writer(entity, key);
        try (RestConnector connector = new RestConnector()) {
            connector.initialize(FakeConnectorContext.of(connector, config));
            FetchOptions.Builder options = FetchOptions.builder(entity).batchSize(4).onBatch(batch -> {
                before.accept(batch);
                write.accept(batch);
                delivered.addAll(batch.records());
            });
            sink.state(entity).ifPresent(options::resumeState);
            if (since != null) {
                options.since(since);
            }
            connector.fetchEntity(options.build());
        }
        return delivered;
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> records) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        records.forEach(record -> rows.put(String.valueOf(record.get("id")), record));
        return rows;
    }

    private static Map<String, Map<String, Object>> expectedNotes() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> note : notes) {
            Map<String, Object> row = new LinkedHashMap<>(note);
            row.put("customers_id", note.get("customerId"));
            rows.add(row);
        }
        return byId(rows);
    }

    private static SqliteSink sink(String name) throws SQLException {
        return new SqliteSink(folder.resolve(name + ".db"));
    }

    @Test
    void linkHeaderPagesWithUnderscorePageAreSyncedExactly() throws Exception {
        try (SqliteSink sink = sink("link")) {
            List<Map<String, Object>> delivered = sync(config(linkHeaderCustomers()), "customers", sink, null,
                    batch -> { });
            assertThat(delivered).hasSize(CUSTOMERS);
            assertThat(sink.rows("customers")).isEqualTo(byId(customers));
        }
    }

    @Test
    void pageNumberPaginationStopsAtTheShortLastPage() throws Exception {
        Map<String, Object> paginator = Map.of("type", "page_number", "page_param", "_page",
                "page_size_param", "_limit", "page_size", 10);
        try (SqliteSink sink = sink("pages")) {
            assertThat(sync(config(customersBy(paginator, Map.of())), "customers", sink, null, batch -> { }))
                    .hasSize(CUSTOMERS);
            assertThat(sink.rows("customers")).isEqualTo(byId(customers));
        }
    }

    @Test
    void startAndLimitOffsetsStopAtTheTotalCountHeader() throws Exception {
        Map<String, Object> paginator = Map.of("type", "offset", "offset_param", "_start", "limit_param", "_limit",
                "limit", 19, "total_header", "X-Total-Count");
        try (SqliteSink sink = sink("offsets")) {
            assertThat(sync(config(customersBy(paginator, Map.of())), "customers", sink, null, batch -> { }))
                    .hasSize(CUSTOMERS);
            assertThat(sink.rows("customers")).isEqualTo(byId(customers));
        }
    }

    @Test
    void incrementalSyncSendsSinceAndGetsOnlyNewerRecords() throws Exception {
        Instant since = FIRST_UPDATE.plus(40, ChronoUnit.DAYS);
        try (SqliteSink sink = sink("incremental")) {
            List<Map<String, Object>> delivered = sync(config(linkHeaderCustomers()), "customers", sink, since,
                    batch -> { });
            assertThat(delivered).extracting(record -> record.get("id"))
                    .containsExactlyElementsOf(customers.subList(39, CUSTOMERS).stream().map(c -> c.get("id"))
                            .toList());
            assertThat(sink.rows("customers")).isEqualTo(byId(customers.subList(39, CUSTOMERS)));
            assertThat(sink.state("customers")).get().asString()
                    .as("the resume state holds json-server's next link, which keeps the since filter")
                    .contains("updated_at_gte=" + since.toString().replace(":", "%3A"));
        }
    }

    @Test
    void nestedRoutesGiveEachCustomersNotesWithTheParentKey() throws Exception {
        try (SqliteSink sink = sink("notes")) {
            sync(config(linkHeaderCustomers(), notesOf()), "notes", sink, null, batch -> { });
            assertThat(sink.rows("notes")).isEqualTo(expectedNotes());
        }
    }

    @Test
    void aCrashMidResourceResumesFromTheStoredStateWithoutGapsOrRepeats() throws Exception {
        try (SqliteSink sink = sink("crash")) {
            AtomicInteger batches = new AtomicInteger();
            Consumer<Batch> crashOnSeventh = batch -> {
                if (batches.incrementAndGet() == 7) {
                    throw new IllegalStateException("simulated crash");
                }
            };
            assertThatThrownBy(() -> sync(config(linkHeaderCustomers()), "customers", sink, null, crashOnSeventh))
                    .hasMessageContaining("simulated crash");
            int stored = sink.rows("customers").size();
            assertThat(stored).isEqualTo(2 * (4 + 4 + 2)); // six batches of 4, 4 and 2 per page of 10

            List<Map<String, Object>> resumed = sync(config(linkHeaderCustomers()), "customers", sink, null,
                    batch -> { });

            assertThat(resumed).hasSize(CUSTOMERS - stored);
            assertThat(resumed.get(0).get("id")).isEqualTo(stored + 1);
            assertThat(sink.rows("customers")).isEqualTo(byId(customers));
        }
    }

    @Test
    void killMinus9MidResourceThenARerunIsExact() throws Exception {
        Path file = folder.resolve("killed.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledSync.class.getName(), server.url(),
                file.toString()).redirectErrorStream(true).redirectOutput(folder.resolve("killed.log").toFile())
                .start();
        try (SqliteSink sink = new SqliteSink(file)) {
            awaitRows(sink, child, 12);
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup
            int stored = sink.rows("customers").size();
            assertThat(stored).as("killed mid-resource").isBetween(12, CUSTOMERS - 1);

            List<Map<String, Object>> resumed = sync(config(customersBy(Map.of("type", "link_header"),
                    Map.of("_page", 1, "_limit", 5))), "customers", sink, null, batch -> { });

            assertThat(resumed).as("no record twice, none lost").hasSize(CUSTOMERS - stored);
            assertThat(sink.rows("customers")).isEqualTo(byId(customers));
        } finally {
            child.destroyForcibly();
        }
    }

    /** Polls the file until the child stored {@code count} rows; a progress wait, not a timing assertion. */
    private static void awaitRows(SqliteSink sink, Process child, int count) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(giveUp)) {
            assertThat(child.isAlive()).as("the child sync is still running (see killed.log)").isTrue();
            try {
                if (sink.rows("customers").size() >= count) {
                    return;
                }
            } catch (SQLException busy) {
                // the child holds the write lock; look again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child stored fewer than " + count + " rows in 120 s");
    }

    @Test
    void aCrashInsideAChildResourceResumesAtTheSameParent() throws Exception {
        try (SqliteSink sink = sink("child-crash")) {
            AtomicInteger batches = new AtomicInteger();
            Consumer<Batch> crash = batch -> {
                if (batches.incrementAndGet() == 25) {
                    throw new IllegalStateException("simulated crash");
                }
            };
            Map<String, Object> config = config(linkHeaderCustomers(), notesOf());
            assertThatThrownBy(() -> sync(config, "notes", sink, null, crash)).hasMessageContaining("simulated");
            int stored = sink.rows("notes").size();
            assertThat(stored).isPositive().isLessThan(notes.size());

            List<Map<String, Object>> resumed = sync(config, "notes", sink, null, batch -> { });

            assertThat(resumed).hasSize(notes.size() - stored);
            assertThat(sink.rows("notes")).isEqualTo(expectedNotes());
        }
    }
}
