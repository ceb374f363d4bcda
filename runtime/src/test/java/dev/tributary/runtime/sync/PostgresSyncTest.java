package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSyncTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private static SyncHarness harness() {
        return POSTGRES.harness("test_" + SCHEMAS.incrementAndGet());
    }

    @Test
    void syncsIntoJsonbColumnsInTheRequestedSchema() {
        SyncHarness harness = harness();
        ItemSource items = ItemSource.of(25);

        SyncResult result = harness.sync(new ItemsConnector(items, ItemSource.of(3)), SyncHarness.request(),
                SyncListener.NONE, new CancelHandle());

        assertThat(result.succeeded()).isTrue();
        assertThat(harness.records("src_items").keySet()).containsExactlyInAnyOrderElementsOf(SyncHarness.ids(items));
        assertThat(harness.query("SELECT id, _record->>'name' FROM src_items WHERE id = '7'"))
                .containsEntry("7", "item 7");
        assertThat(harness.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema"
                + " = current_schema() AND table_name = 'src_items'"))
                .containsEntry("_record", "jsonb").containsEntry("_synced_at", "timestamp with time zone")
                .containsEntry("_deleted_at", "timestamp with time zone");
    }

    @Test
    void rerunsIncrementallyWithDeletionsAndLookBack() {
        SyncHarness harness = harness();
        ItemSource items = ItemSource.of(30);
        harness.sync(new ItemsConnector(items, ItemSource.of(0)), SyncHarness.request("items"), SyncListener.NONE,
                new CancelHandle());
        items.put(31, 1031, "new");
        items.put(2, 1029, "changed");
        items.delete(5);
        ItemsConnector second = new ItemsConnector(items, ItemSource.of(0));
        SyncRequest request = SyncHarness.request("items");
        request = request.withSettings(request.settings().withLookBack(Duration.ofSeconds(2)));

        SyncResult result = harness.sync(second, request, SyncListener.NONE, new CancelHandle());

        assertThat(second.calls("items").get(0).since()).contains(java.time.Instant.ofEpochSecond(1028));
        assertThat(result.entity("items").deletions()).isEqualTo(1);
        assertThat(harness.deletedIds("src_items")).containsExactly("5");
        assertThat(harness.records("src_items").keySet()).containsExactlyInAnyOrderElementsOf(SyncHarness.ids(items));
        assertThat(harness.records("src_items").get("2")).contains("changed");
    }

    @Test
    void repeatedFullRefreshesSwapTablesWithoutNameClashes() {
        SyncHarness harness = harness();
        ItemSource tags = ItemSource.of(15);

        for (int run = 0; run < 3; run++) {
            tags.remove(run + 1);
            SyncResult result = harness.sync(new ItemsConnector(ItemSource.of(0), tags),
                    SyncHarness.request("tags"), SyncListener.NONE, new CancelHandle());
            assertThat(result.succeeded()).as(result.toString()).isTrue();
        }

        assertThat(harness.records("src_tags").keySet()).containsExactlyInAnyOrderElementsOf(SyncHarness.ids(tags));
    }

    @Test
    void duplicateKeysInOneBatchKeepTheLastRecord() {
        SyncHarness harness = harness();
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        connector.replaceFetch(options -> options.onBatch(List.of(
                new LinkedHashMap<>(Map.of("id", 1, "name", "first")),
                new LinkedHashMap<>(Map.of("id", 1.0, "name", "second"))), "end"));

        SyncResult result = harness.sync(connector, SyncHarness.request("tags"), SyncListener.NONE,
                new CancelHandle());

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(harness.records("src_tags")).hasSize(1).containsKey("1");
        assertThat(harness.records("src_tags").get("1")).contains("second");
    }
}
