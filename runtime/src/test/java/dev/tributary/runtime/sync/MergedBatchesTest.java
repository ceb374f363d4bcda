package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.FakeClock;
import dev.tributary.spi.Batch;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.SchemaChange;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.TypedWrite;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A destination preferring larger transactions gets the batches waiting for its writer merged into one write (their
 * records in order, the state of the last), and keeps exactly-once, deletions, typing and the back-pressure bound.
 * Each test holds the first write until the batches it needs are queued, so what is merged is known.
 */
class MergedBatchesTest {

    private static final EntityTable ITEMS = new EntityTable("src", "items", List.of("id"), "src");

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SyncEngine engine = new SyncEngine(clock, new FakeSleeper(clock), Backoff.DEFAULT, () -> 0.5);

    @Test
    void waitingBatchesAreMergedUpToThePreferredSizeWithTheStateOfTheLastAndTheFetcherStaysBounded()
            throws Exception {
        // 80 records of 10 per batch: a queue of 8 batches.
        InMemoryDestination destination = new InMemoryDestination(false, 80);
        destination.permits.drainPermits();
        ItemsConnector connector = new ItemsConnector(ItemSource.of(500), ItemSource.of(0));
        AtomicInteger pagesRequested = new AtomicInteger();
        CountDownLatch tenPages = new CountDownLatch(10);
        connector.beforePage(page -> {
            if (page == 1) {
                await(destination.writesStarted);
            }
            pagesRequested.incrementAndGet();
            tenPages.countDown();
        });

        CompletableFuture<SyncResult> sync = start(connector, destination);
        // The writer holds batch 1, 8 batches are queued, the 10th waits in onBatch.
        assertThat(tenPages.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> sync.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(pagesRequested.get()).isEqualTo(10);
        assertThat(destination.writes).isEmpty();
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        List<WriteBatch> writes = destination.writes;
        assertThat(ids(writes.get(0))).isEqualTo(range(1, 10));
        assertThat(ids(writes.get(1))).isEqualTo(range(11, 90));
        assertThat(writes.get(1).state().position()).contains("after:90");
        assertThat(writes).allSatisfy(write -> {
            assertThat(write.records().size()).isBetween(10, 80);
            assertThat(write.state().position()).contains("after:" + lastId(write));
        });
        assertThat(writes.stream().flatMap(write -> ids(write).stream()).toList()).isEqualTo(range(1, 500));
        assertThat(destination.readState(ITEMS).orElseThrow().finished()).isTrue();
    }

    @Test
    void aFailedMergedWriteCommitsNothingAndTheNextRunResumesAfterTheLastCommittedOne() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(false, 80);
        destination.permits.drainPermits();
        destination.writesBeforeFailure.set(1);
        ItemSource items = ItemSource.of(500);
        ItemsConnector connector = new ItemsConnector(items, ItemSource.of(0));
        CountDownLatch tenPages = new CountDownLatch(10);
        connector.beforePage(page -> {
            if (page == 1) {
                await(destination.writesStarted);
            }
            tenPages.countDown();
        });
        CompletableFuture<SyncResult> sync = start(connector, destination);
        assertThat(tenPages.await(30, TimeUnit.SECONDS)).isTrue();
        destination.permits.release(Integer.MAX_VALUE / 2);

        SyncResult failed = sync.get(30, TimeUnit.SECONDS);
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.entity("items").error()).hasValueSatisfying(error ->
                assertThat(error).contains("write refused by the test"));
        // Batch 1 alone was committed; the merged write of batches 2 to 9 failed whole.
        assertThat(destination.writes).hasSize(1);
        SyncState stored = destination.readState(ITEMS).orElseThrow();
        assertThat(stored.finished()).isFalse();
        assertThat(stored.position()).contains("after:10");

        destination.writesBeforeFailure.set(Integer.MAX_VALUE);
        ItemsConnector again = new ItemsConnector(items, ItemSource.of(0));
        assertThat(start(again, destination).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(again.lastCall("items").orElseThrow().resumeState()).contains("after:10");
        assertThat(destination.writes.stream().flatMap(write -> ids(write).stream()).toList())
                .isEqualTo(range(1, 500));
        assertThat(destination.readState(ITEMS).orElseThrow().finished()).isTrue();
    }

    @Test
    void aBatchWithDeletionsEndsAMergedWriteAndItsDeletionsFollowTheMergedRecords() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(false, 1_000);
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        CountDownLatch handedOver = new CountDownLatch(1);
        connector.replaceFetch(options -> {
            options.onBatch(items(1, 10), "after:10");
            await(destination.writesStarted);
            options.onBatch(items(11, 20), "after:20");
            options.onBatch(new Batch(items(21, 25), List.of(Map.of("id", 3)), "after:25"));
            options.onBatch(items(26, 35), "after:35");
            options.onDeleted(List.of(Map.of("id", 30)), "after:35");
            options.onBatch(items(36, 40), "after:40");
            handedOver.countDown();
        });
        destination.permits.drainPermits();
        CompletableFuture<SyncResult> sync = start(connector, destination);
        assertThat(handedOver.await(30, TimeUnit.SECONDS)).isTrue();
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        List<WriteBatch> writes = destination.writes;
        assertThat(writes).hasSize(4);
        assertThat(ids(writes.get(0))).isEqualTo(range(1, 10));
        assertThat(ids(writes.get(1))).isEqualTo(range(11, 25));
        assertThat(writes.get(1).deletedKeys()).containsExactly(Map.of("id", 3));
        assertThat(writes.get(1).state().position()).contains("after:25");
        assertThat(ids(writes.get(2))).isEqualTo(range(26, 35));
        assertThat(writes.get(2).deletedKeys()).containsExactly(Map.of("id", 30));
        assertThat(writes.get(2).state().position()).contains("after:35");
        assertThat(ids(writes.get(3))).isEqualTo(range(36, 40));
        assertThat(writes.get(3).deletedKeys()).isEmpty();
    }

    @Test
    void aMergedTypedWriteTypesEveryMergedRecordWithTheLastOfEachKeyAndItsChildRows() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(true, 100);
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        CountDownLatch handedOver = new CountDownLatch(1);
        connector.replaceFetch(options -> {
            options.onBatch(items(1, 10), "after:10");
            await(destination.writesStarted);
            options.onBatch(items(11, 20), "after:20");
            List<Map<String, Object>> later = items(15, 24);
            later.get(0).put("name", "renamed 15");
            later.get(0).put("score", 3);
            later.get(0).put("lines", List.of(Map.of("sku", "a", "qty", 1), Map.of("sku", "b", "qty", 2)));
            later.get(1).put("score", 2.5);
            options.onBatch(later, "after:24");
            handedOver.countDown();
        });
        destination.permits.drainPermits();
        CompletableFuture<SyncResult> sync = start(connector, destination);
        assertThat(handedOver.await(30, TimeUnit.SECONDS)).isTrue();
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(destination.writes).hasSize(2);
        WriteBatch merged = destination.writes.get(1);
        TypedWrite typed = merged.typed().orElseThrow();
        assertThat(merged.state().position()).contains("after:24");
        // One row per key, the last record given; ids 15 to 20 came twice.
        assertThat(typed.rows()).hasSize(14).hasSameSizeAs(merged.records());
        assertThat(typed.rows()).extracting(row -> row.get("id"))
                .containsExactlyElementsOf(range(11, 24).stream().map(String::valueOf).toList());
        Map<String, Object> fifteen = typed.rows().stream().filter(row -> row.get("id").equals("15")).findFirst()
                .orElseThrow();
        assertThat(fifteen).containsEntry("name", "renamed 15");
        // Columns the later batch brought, widened within the merged batch, and its child table.
        assertThat(typed.changes()).extracting(SchemaChange::kind).contains(SchemaChange.Kind.ADD_COLUMN,
                SchemaChange.Kind.CREATE_TABLE);
        assertThat(typed.layout().table().column("score").orElseThrow().type()).isEqualTo(ColumnType.NUMBER);
        assertThat(typed.layout().children()).hasSize(1);
        assertThat(typed.childRows().get(typed.layout().children().get(0).name())).hasSize(2)
                .allSatisfy(row -> assertThat(row).containsEntry("_parent_id", "15"));
    }

    @Test
    void aDestinationThatDoesNotOptInGetsOneWritePerBatchEvenWithBatchesWaiting() throws Exception {
        InMemoryDestination destination = new InMemoryDestination(false, 0);
        ItemsConnector connector = new ItemsConnector(ItemSource.of(0), ItemSource.of(0));
        CountDownLatch handedOver = new CountDownLatch(1);
        connector.replaceFetch(options -> {
            options.onBatch(items(1, 10), "after:10");
            await(destination.writesStarted);
            for (int first = 11; first <= 41; first += 10) {
                options.onBatch(items(first, first + 9), "after:" + (first + 9));
            }
            handedOver.countDown();
        });
        destination.permits.drainPermits();
        CompletableFuture<SyncResult> sync = start(connector, destination);
        assertThat(handedOver.await(30, TimeUnit.SECONDS)).isTrue();
        destination.permits.release(Integer.MAX_VALUE / 2);

        assertThat(sync.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        assertThat(destination.writes).hasSize(5).allSatisfy(write -> assertThat(write.records()).hasSize(10));
    }

    @Test
    void theQueueHoldsOnePreferredTransactionOfBatchesWithinBounds() {
        assertThat(EntitySync.queueCapacity(0, 100)).isEqualTo(4);
        assertThat(EntitySync.queueCapacity(-5, 100)).isEqualTo(4);
        assertThat(EntitySync.queueCapacity(4_000, 100)).isEqualTo(40);
        assertThat(EntitySync.queueCapacity(4_001, 100)).isEqualTo(41);
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

    /** Waits for a write to have started (the writer then holds what it took), or fails the fetch. */
    static void await(Semaphore writesStarted) {
        try {
            if (!writesStarted.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no write started within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Records {@code first..last} (mutable maps), as {@link ItemSource} makes them. */
    static List<Map<String, Object>> items(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(id -> {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", id);
            record.put("updated", 1000 + id);
            record.put("name", "item " + id);
            return record;
        }).toList();
    }

    private static List<Integer> range(int first, int last) {
        return IntStream.rangeClosed(first, last).boxed().toList();
    }

    private static List<Object> ids(WriteBatch write) {
        return write.records().stream().map(record -> record.get("id")).toList();
    }

    private static Object lastId(WriteBatch write) {
        return write.records().get(write.records().size() - 1).get("id");
    }
}
