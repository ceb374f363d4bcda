package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.TransientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncEngineTest {

    @TempDir
    Path directory;

    @Test
    void firstSyncWritesEveryRecordWithMetadataColumns() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(25);

        SyncResult result = harness.sync(new ItemsConnector(items, ItemSource.of(0)), SyncHarness.request("items"),
                SyncListener.NONE, new CancelHandle());

        assertThat(result.succeeded()).isTrue();
        assertThat(result.entity("items").records()).isEqualTo(25);
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
        assertThat(harness.records("src_items").get("7"))
                .isEqualTo("{\"id\":7,\"updated\":1007,\"name\":\"item 7\",\"note\":null}");
        assertThat(harness.query("SELECT _data_source, _synced_at FROM src_items WHERE id = '7'"))
                .containsEntry("src", "2026-01-01T00:00:00Z");
    }

    @Test
    void rerunningChangesNothingAndStartsAtTheLastCursorValue() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(25);
        harness.sync(new ItemsConnector(items, ItemSource.of(0)), SyncHarness.request("items"), SyncListener.NONE,
                new CancelHandle());
        ItemsConnector second = new ItemsConnector(items, ItemSource.of(0));

        SyncResult result = harness.sync(second, SyncHarness.request("items"), SyncListener.NONE, new CancelHandle());

        assertThat(result.succeeded()).isTrue();
        FetchOptions call = second.calls("items").get(0);
        assertThat(call.since()).contains(Instant.ofEpochSecond(1025));
        assertThat(call.checkpoint()).contains("after:25");
        assertThat(call.resumeState()).isEmpty();
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
    }

    @Test
    void incrementalSyncPicksUpChangesFromTheLookBackWindow() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(10);
        harness.sync(new ItemsConnector(items, ItemSource.of(0)), SyncHarness.request("items"), SyncListener.NONE,
                new CancelHandle());
        items.put(3, 1008, "late change");
        items.put(11, 1030, "new");
        ItemsConnector second = new ItemsConnector(items, ItemSource.of(0));
        SyncRequest request = SyncHarness.request("items");
        request = request.withSettings(request.settings().withLookBack(Duration.ofSeconds(5)));

        SyncResult result = harness.sync(second, request, SyncListener.NONE, new CancelHandle());

        assertThat(second.calls("items").get(0).since()).contains(Instant.ofEpochSecond(1005));
        assertThat(result.entity("items").records()).isEqualTo(8);
        assertThat(harness.records("src_items").get("3")).contains("late change");
        assertThat(harness.records("src_items")).hasSize(11);
        assertThat(harness.query("SELECT entity, max_cursor FROM _tributary_state"))
                .containsEntry("items", Instant.ofEpochSecond(1030).toString());
    }

    @Test
    void entityWithoutCursorIsReplacedInFullAndVanishedRowsDisappear() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource tags = ItemSource.of(12);
        harness.sync(new ItemsConnector(ItemSource.of(0), tags), SyncHarness.request("tags"), SyncListener.NONE,
                new CancelHandle());
        tags.remove(4);
        ItemsConnector second = new ItemsConnector(ItemSource.of(0), tags);

        harness.sync(second, SyncHarness.request("tags"), SyncListener.NONE, new CancelHandle());

        assertThat(second.calls("tags").get(0).since()).isEmpty();
        assertThat(harness.records("src_tags").keySet()).containsExactlyElementsOf(SyncHarness.ids(tags));
    }

    @Test
    void fullRefreshReplacesTheTable() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(12);
        harness.sync(new ItemsConnector(items, ItemSource.of(0)), SyncHarness.request("items"), SyncListener.NONE,
                new CancelHandle());
        items.remove(5);
        ItemsConnector second = new ItemsConnector(items, ItemSource.of(0));

        harness.sync(second, SyncHarness.request("items").withFullRefresh(true), SyncListener.NONE,
                new CancelHandle());

        assertThat(second.calls("items").get(0).since()).isEmpty();
        assertThat(second.calls("items").get(0).checkpoint()).isEmpty();
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
        assertThat(harness.query("SELECT name FROM sqlite_master WHERE name LIKE '%staging%'")).isEmpty();
    }

    @Test
    void deletionsReportedByTheSourceMarkRowsDeleted() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(6);
        harness.sync(new ItemsConnector(items, ItemSource.of(0)), SyncHarness.request("items"), SyncListener.NONE,
                new CancelHandle());
        items.delete(2);
        harness.clock.advance(Duration.ofMinutes(1));

        SyncResult result = harness.sync(new ItemsConnector(items, ItemSource.of(0)), SyncHarness.request("items"),
                SyncListener.NONE, new CancelHandle());

        assertThat(result.entity("items").deletions()).isEqualTo(1);
        assertThat(harness.deletedIds("src_items")).containsExactly("2");
        assertThat(harness.query("SELECT id, _deleted_at FROM src_items WHERE id = '2'"))
                .containsEntry("2", "2026-01-01T00:01:00Z");
        assertThat(harness.records("src_items").keySet()).containsExactly("1", "3", "4", "5", "6");
    }

    @Test
    void permanentFailureFailsTheEntityKeepsItsCommitsAndLetsOthersFinish() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(50);
        ItemsConnector connector = new ItemsConnector(items, ItemSource.of(5));
        connector.beforePage(page -> {
            if (page == 2) {
                throw new PermanentException("GET /items: HTTP 400 invalid parameter 'limit'");
            }
        });
        SyncRequest request = SyncHarness.request("items", "tags");
        request = request.withSettings(request.settings().withConcurrency(1));

        SyncResult result = harness.sync(connector, request, SyncListener.NONE, new CancelHandle());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.entity("items").status()).isEqualTo(EntityStatus.FAILED);
        assertThat(result.entity("items").error()).contains("GET /items: HTTP 400 invalid parameter 'limit'");
        assertThat(result.entity("tags").status()).isEqualTo(EntityStatus.DONE);
        assertThat(harness.query("SELECT entity, position FROM _tributary_state"))
                .containsEntry("items", "after:20");
    }

    @Test
    void failedRunResumesFromItsLastCommitAndEndsWithExactlyTheSourceRecords() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(45);
        ItemsConnector failing = new ItemsConnector(items, ItemSource.of(0));
        failing.beforePage(page -> {
            if (page == 3) {
                throw new PermanentException("boom");
            }
        });
        harness.sync(failing, SyncHarness.request("items"), SyncListener.NONE, new CancelHandle());
        assertThat(harness.query("SELECT name FROM sqlite_master WHERE name = 'src_items'")).isEmpty();
        ItemsConnector second = new ItemsConnector(items, ItemSource.of(0));

        SyncResult result = harness.sync(second, SyncHarness.request("items"), SyncListener.NONE, new CancelHandle());

        assertThat(second.calls("items").get(0).resumeState()).contains("after:30");
        assertThat(result.entity("items").records()).isEqualTo(15);
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
    }

    @Test
    void transientFailuresAreRetriedFromTheLastStateReceived() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(30);
        ItemsConnector connector = new ItemsConnector(items, ItemSource.of(0));
        int[] failures = {0};
        connector.beforePage(page -> {
            if (page == 1 && failures[0]++ < 3) {
                throw new TransientException("GET /items: HTTP 503", null);
            }
        });
        RecordingListener listener = new RecordingListener();

        SyncResult result = harness.sync(connector, SyncHarness.request("items"), listener, new CancelHandle());

        assertThat(result.succeeded()).isTrue();
        assertThat(connector.calls("items")).extracting(c -> c.resumeState().orElse("-"))
                .containsExactly("-", "after:10", "after:20", "after:30");
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
        assertThat(listener.statuses("items")).contains(EntityStatus.RETRYING, EntityStatus.DONE);
        assertThat(harness.sleeper.waits()).hasSize(3);
    }

    @Test
    void unknownEntityIsRejectedNamingTheAvailableOnes() {
        SyncHarness harness = SyncHarness.sqlite(directory);

        assertThatThrownBy(() -> harness.sync(new ItemsConnector(ItemSource.of(1), ItemSource.of(1)),
                SyncHarness.request("invoices"), SyncListener.NONE, new CancelHandle()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown entity 'invoices'")
                .hasMessageContaining("items, tags");
    }

    @Test
    void progressEventsCountCommittedRecords() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        RecordingListener listener = new RecordingListener();

        harness.sync(new ItemsConnector(ItemSource.of(30), ItemSource.of(0)), SyncHarness.request("items"), listener,
                new CancelHandle());

        assertThat(listener.progress()).filteredOn(p -> p.status() == EntityStatus.RUNNING)
                .extracting(EntityProgress::records).contains(10L, 20L, 30L);
        assertThat(listener.statuses("items")).containsExactly(EntityStatus.PENDING, EntityStatus.RUNNING,
                EntityStatus.DONE);
        assertThat(listener.finished()).extracting(EntityResult::entity).containsExactly("items");
        assertThat(List.of(listener.finished().get(0).records())).containsExactly(30L);
    }

    @Test
    void cancellationStopsTheSyncAndTheNextRunResumesFromTheLastCommit() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemSource items = ItemSource.of(60);
        ItemsConnector connector = new ItemsConnector(items, ItemSource.of(0));
        CancelHandle cancel = new CancelHandle();
        connector.beforePage(page -> {
            if (page == 3) {
                // Cancel once a batch is committed: the writer drains the queue on its own thread, so cancelling
                // at once could stop it before its first commit (exactly-once all the same, but nothing to resume).
                awaitCommittedPosition(harness);
                cancel.cancel();
            }
        });

        SyncResult cancelled = harness.sync(connector, SyncHarness.request("items"), SyncListener.NONE, cancel);

        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.entity("items").status()).isEqualTo(EntityStatus.CANCELLED);
        String position = harness.query("SELECT entity, position FROM _tributary_state").get("items");
        assertThat(position).isIn("after:10", "after:20", "after:30");
        ItemsConnector second = new ItemsConnector(items, ItemSource.of(0));

        SyncResult resumed = harness.sync(second, SyncHarness.request("items"), SyncListener.NONE,
                new CancelHandle());

        assertThat(second.calls("items").get(0).resumeState()).contains(position);
        assertThat(resumed.succeeded()).isTrue();
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
    }

    private static void awaitCommittedPosition(SyncHarness harness) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (harness.query("SELECT entity, position FROM _tributary_state").get("items") == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no batch of items committed within 20 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void alreadyCancelledSyncWritesNothing() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        CancelHandle cancel = new CancelHandle();
        cancel.cancel();

        SyncResult result = harness.sync(new ItemsConnector(ItemSource.of(5), ItemSource.of(5)),
                SyncHarness.request(), SyncListener.NONE, cancel);

        assertThat(result.entities()).extracting(EntityResult::status)
                .containsExactly(EntityStatus.CANCELLED, EntityStatus.CANCELLED);
        assertThat(harness.query("SELECT entity, position FROM _tributary_state")).isEmpty();
    }

    @Test
    void recordWithoutPrimaryKeyFailsTheEntityWithoutCommittingItsBatch() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        connector.replaceFetch(options -> {
            options.onBatch(List.of(new java.util.LinkedHashMap<>(java.util.Map.of("id", 1, "name", "ok"))), "one");
            options.onBatch(List.of(new java.util.LinkedHashMap<>(java.util.Map.of("id", 2)),
                    new java.util.LinkedHashMap<>(java.util.Map.of("name", "no key"))), "two");
        });
        SyncRequest request = SyncHarness.request("items");

        SyncResult result = harness.sync(connector, request, SyncListener.NONE, new CancelHandle());

        assertThat(result.entity("items").status()).isEqualTo(EntityStatus.FAILED);
        assertThat(result.entity("items").error()).hasValueSatisfying(error -> assertThat(error)
                .contains("has no value for its primary-key field 'id'"));
        assertThat(harness.query("SELECT id, _record FROM src_items__staging").keySet()).containsExactly("1");
        assertThat(harness.query("SELECT entity, position FROM _tributary_state")).containsEntry("items", "one");
    }

    @Test
    void waitsForPausesTheSourceAskedForShowAsRateLimited() {
        SyncHarness harness = SyncHarness.sqlite(directory);
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        connector.replaceFetch(options -> {
            options.rateLimiter().pause(Duration.ofSeconds(5), "X-RateLimit-Remaining: 0");
            options.rateLimiter().acquire();
            options.onBatch(List.of(new java.util.LinkedHashMap<>(java.util.Map.of("id", 1))), "done");
        });
        RecordingListener listener = new RecordingListener();

        SyncResult result = harness.sync(connector, SyncHarness.request("tags"), listener, new CancelHandle());

        assertThat(result.succeeded()).isTrue();
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(5));
        assertThat(listener.progress()).anySatisfy(p -> {
            assertThat(p.status()).isEqualTo(EntityStatus.RATE_LIMITED);
            assertThat(p.detail()).isEqualTo("source rate limit (X-RateLimit-Remaining: 0): waiting 5000 ms");
        });
    }
}
