package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.Batch;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.destination.EntityTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merged batches into a real SQLite file write exactly the tables one transaction per batch writes: a full refresh
 * (typed columns, a column widened and a child table replaced within a merged batch, a deletion ending a merged
 * write), then an incremental run whose merged last batch ends a complete listing.
 */
class MergedBatchesSqliteTest {

    private static final EntityTable ITEMS = new EntityTable("src", "items", List.of("id"), "src");

    @TempDir
    Path directory;

    @Test
    void mergedWritesLeaveTheSameTablesAndStateAsOneWritePerBatch() throws Exception {
        SyncHarness plain = new SyncHarness("jdbc:sqlite:" + directory.resolve("plain.db"), new Properties());
        PreferringDestination[] merging = new PreferringDestination[1];
        SyncHarness merged = new SyncHarness("jdbc:sqlite:" + directory.resolve("merged.db"), new Properties(),
                destination -> merging[0] = new PreferringDestination(destination, 1_000));

        for (SyncHarness harness : List.of(plain, merged)) {
            CountDownLatch gate = harness == merged ? merging[0].closeGate() : new CountDownLatch(0);
            Runnable writerHoldsTheFirst = harness == merged ? () -> MergedBatchesTest.await(merging[0].writesStarted) : () -> { };
            SyncResult result = sync(harness, true, options -> {
                options.onBatch(MergedBatchesTest.items(1, 10), "after:10");
                writerHoldsTheFirst.run();
                List<Map<String, Object>> second = MergedBatchesTest.items(11, 20);
                second.get(0).put("score", 3);
                second.get(1).put("lines", List.of(Map.of("sku", "a", "qty", 1), Map.of("sku", "b", "qty", 2)));
                options.onBatch(second, "after:20");
                List<Map<String, Object>> third = MergedBatchesTest.items(12, 17);
                third.get(0).put("lines", List.of(Map.of("sku", "c", "qty", 3)));
                third.get(3).put("score", 2.5);
                third.get(5).put("name", "renamed 17");
                options.onBatch(third, "after:20");
                options.onBatch(new Batch(MergedBatchesTest.items(21, 25), List.of(Map.of("id", 3)), "after:25"));
                options.onBatch(MergedBatchesTest.items(26, 30), "after:30");
                gate.countDown();
            });
            assertThat(result.succeeded()).isTrue();
        }
        assertThat(merging[0].writeSizes).containsExactly(10, 15, 5);
        assertSameTablesAndState(plain, merged);
        assertThat(merged.records("src_items").get("17")).contains("renamed 17");
        assertThat(merged.deletedIds("src_items")).containsExactly("3");

        for (SyncHarness harness : List.of(plain, merged)) {
            harness.clock.advance(Duration.ofHours(1));
            Instant listingStarted = harness.clock.instant();
            CountDownLatch gate = harness == merged ? merging[0].closeGate() : new CountDownLatch(0);
            Runnable writerHoldsTheFirst = harness == merged ? () -> MergedBatchesTest.await(merging[0].writesStarted) : () -> { };
            SyncResult result = sync(harness, false, options -> {
                List<Map<String, Object>> changed = MergedBatchesTest.items(1, 10);
                changed.forEach(record -> record.put("name", "v2 " + record.get("id")));
                options.onBatch(changed, "after:10");
                writerHoldsTheFirst.run();
                options.onBatch(MergedBatchesTest.items(11, 14), "after:14");
                options.onBatch(Batch.endingCompleteListing(MergedBatchesTest.items(15, 18), List.of(), "after:18",
                        listingStarted));
                gate.countDown();
            });
            assertThat(result.succeeded()).isTrue();
        }
        assertThat(merging[0].writeSizes).containsExactly(10, 15, 5, 10, 8);
        assertSameTablesAndState(plain, merged);
        assertThat(merged.deletedIds("src_items")).contains("19", "20", "25", "30").doesNotContain("18");
    }

    private static SyncResult sync(SyncHarness harness, boolean fullRefresh, Consumer<FetchOptions> fetch) {
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        connector.replaceFetch(fetch);
        SyncRequest base = SyncHarness.request("items");
        SyncRequest request = new SyncRequest(base.dataSourceName(), base.tablePrefix(), base.entities(),
                fullRefresh, base.settings());
        return harness.sync(connector, request, SyncListener.NONE, new CancelHandle());
    }

    private static void assertSameTablesAndState(SyncHarness plain, SyncHarness merged) throws SQLException {
        Map<String, List<Map<String, Object>>> expected = entityTables(plain);
        assertThat(expected).containsKeys("src_items", "src_items__lines");
        assertThat(entityTables(merged)).isEqualTo(expected);
        assertThat(merged.destination.readState(ITEMS)).isEqualTo(plain.destination.readState(ITEMS));
    }

    /** Every row of every table of entity {@code items}, by table name, in key order. */
    private static Map<String, List<Map<String, Object>>> entityTables(SyncHarness harness) throws SQLException {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(harness.url);
                Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name LIKE 'src\\_items%' ESCAPE '\\' ORDER BY name")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                List<Map<String, Object>> table = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + name + "\" ORDER BY 1, 2")) {
                    ResultSetMetaData meta = rows.getMetaData();
                    while (rows.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int column = 1; column <= meta.getColumnCount(); column++) {
                            row.put(meta.getColumnName(column), rows.getObject(column));
                        }
                        table.add(row);
                    }
                }
                tables.put(name, table);
            }
        }
        return tables;
    }
}
