package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.FakeClock;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A destination preferring larger transactions gets the batches waiting for a slow writer merged into one write (its
 * records in order, the state of the last), and keeps exactly-once, deletions and the back-pressure bound.
 */
class MergedBatchesTest {

    private static final EntityTable ITEMS = new EntityTable("src", "items", List.of("id"), "src");

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SyncEngine engine = new SyncEngine(clock, new FakeSleeper(clock), Backoff.DEFAULT, () -> 0.5);

    @Test
    void waitingBatchesAreMergedUpToThePreferredSizeWithTheStateOfTheLast() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(false, 40);
        destination.permits.drainPermits();
        ItemsConnector connector = new ItemsConnector(ItemSource.of(500), ItemSource.of(0));
        AtomicInteger pagesRequested = new AtomicInteger();
        CountDownLatch sixPages = new CountDownLatch(6);
        connector.beforePage(page -> {
            pagesRequested.incrementAndGet();
            sixPages.countDown();
        });

        CompletableFuture<SyncResult> sync = start(connector, destination);
        // 40 records of 10 per batch: a queue of 4 batches, 1 held by the blocked writer, 1 blocked in onBatch.
        assertThat(sixPages.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> sync.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(pagesRequested.get()).isEqualTo(6);
        assertThat(destination.writes).isEmpty();
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        List<WriteBatch> writes = destination.writes;
        assertThat(writes.size()).isLessThan(50);
        assertThat(writes).allSatisfy(write -> {
            assertThat(write.records().size()).isBetween(10, 40);
            assertThat(write.state().position()).contains("after:" + lastId(write));
        });
        assertThat(writes).anySatisfy(write -> assertThat(write.records()).hasSize(40));
        assertThat(writes.stream().flatMap(write -> write.records().stream()).map(r -> r.get("id")).toList())
                .isEqualTo(IntStream.rangeClosed(1, 500).boxed().toList());
        assertThat(destination.readState(ITEMS).orElseThrow().finished()).isTrue();
    }

    @Test
    void aFailedMergedWriteCommitsNothingAndTheNextRunResumesAfterTheLastCommittedOne() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(false, 40);
        destination.permits.drainPermits();
        destination.writesBeforeFailure.set(2);
        ItemSource items = ItemSource.of(500);
        ItemsConnector connector = new ItemsConnector(items, ItemSource.of(0));
        CountDownLatch sixPages = new CountDownLatch(6);
        connector.beforePage(page -> sixPages.countDown());
        CompletableFuture<SyncResult> sync = start(connector, destination);
        assertThat(sixPages.await(30, TimeUnit.SECONDS)).isTrue();
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isFalse();
        assertThat(destination.writes).hasSize(2);
        WriteBatch lastCommitted = destination.writes.get(1);
        SyncState stored = destination.readState(ITEMS).orElseThrow();
        assertThat(stored.finished()).isFalse();
        assertThat(stored.position()).contains("after:" + lastId(lastCommitted));

        destination.writesBeforeFailure.set(Integer.MAX_VALUE);
        ItemsConnector again = new ItemsConnector(items, ItemSource.of(0));
        assertThat(start(again, destination).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(again.lastCall("items").orElseThrow().resumeState()).contains("after:" + lastId(lastCommitted));
        assertThat(destination.writes.stream().flatMap(write -> write.records().stream()).map(r -> r.get("id"))
                .toList()).isEqualTo(IntStream.rangeClosed(1, 500).boxed().toList());
    }

    @Test
    void deletionsEndAMergedWriteAndApplyAfterItsRecords() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(false, 1_000);
        ItemSource items = ItemSource.of(30);
        assertThat(start(new ItemsConnector(items, ItemSource.of(0)), destination).get(30, TimeUnit.SECONDS)
                .succeeded()).isTrue();
        items.delete(7);
        for (int id = 31; id <= 60; id++) {
            items.put(id, 5000 + id, "item " + id);
        }
        destination.writes.clear();
        destination.permits.drainPermits();
        ItemsConnector connector = new ItemsConnector(items, ItemSource.of(0));
        CompletableFuture<SyncResult> sync = start(connector, destination);
        // The incremental run's batches and its deletion batch all wait for the blocked writer.
        Thread.sleep(500);
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        List<WriteBatch> withDeletions = destination.writes.stream().filter(w -> !w.deletedKeys().isEmpty())
                .toList();
        assertThat(withDeletions).hasSize(1);
        assertThat(withDeletions.get(0).deletedKeys()).containsExactly(Map.of("id", 7));
        assertThat(destination.writes.get(destination.writes.size() - 1)).isSameAs(withDeletions.get(0));
        assertThat(destination.writes.stream().flatMap(write -> write.records().stream()).map(r -> r.get("id"))
                .toList()).containsSubsequence(31, 60);
    }

    @Test
    void mergedTypedWritesTypeEveryMergedRecord() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(true, 40);
        destination.permits.drainPermits();
        ItemsConnector connector = new ItemsConnector(ItemSource.of(200), ItemSource.of(0));
        CountDownLatch sixPages = new CountDownLatch(6);
        connector.beforePage(page -> sixPages.countDown());
        CompletableFuture<SyncResult> sync = start(connector, destination);
        assertThat(sixPages.await(30, TimeUnit.SECONDS)).isTrue();
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(destination.writes).anySatisfy(write -> assertThat(write.records().size()).isGreaterThan(10));
        assertThat(destination.writes).allSatisfy(write ->
                assertThat(write.typed().orElseThrow().rows()).hasSameSizeAs(write.records()));
    }

    @Test
    void theQueueHoldsOnePreferredTransactionOfBatchesWithinBounds() {
        assertThat(EntitySync.queueCapacity(0, 100)).isEqualTo(4);
        assertThat(EntitySync.queueCapacity(4_000, 100)).isEqualTo(40);
        assertThat(EntitySync.queueCapacity(4_000, 1_000)).isEqualTo(4);
        assertThat(EntitySync.queueCapacity(1_000_000, 10)).isEqualTo(64);
    }

    private CompletableFuture<SyncResult> start(ItemsConnector connector, InMemoryDestination destination) {
        SyncRequest request = SyncHarness.request("items");
        TokenBucket limiter = engine.rateLimiter(request.settings());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), request.settings(),
                "src", limiter));
        return CompletableFuture.supplyAsync(() -> engine.sync(connector, destination, request, limiter,
                SyncListener.NONE, new CancelHandle()));
    }

    private static Object lastId(WriteBatch write) {
        return write.records().get(write.records().size() - 1).get("id");
    }
}
