package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.FakeClock;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.destination.EntityTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fetcher cannot run more than the queue's capacity ahead of a slow writer, so memory stays bounded. */
class BackpressureTest {

    @Test
    void fetchingWaitsForTheWriterOnceTheQueueIsFull() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        SyncEngine engine = new SyncEngine(clock, new FakeSleeper(clock), Backoff.DEFAULT, () -> 0.5);
        InMemoryDestination destination = new InMemoryDestination();
        destination.permits.drainPermits();
        ItemsConnector connector = new ItemsConnector(ItemSource.of(500), ItemSource.of(0));
        AtomicInteger pagesRequested = new AtomicInteger();
        CountDownLatch sixPages = new CountDownLatch(6);
        connector.beforePage(page -> {
            pagesRequested.incrementAndGet();
            sixPages.countDown();
        });
        SyncRequest request = SyncHarness.request("items");
        TokenBucket limiter = engine.rateLimiter(request.settings());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), request.settings(),
                "src", limiter));

        CompletableFuture<SyncResult> sync = CompletableFuture.supplyAsync(() -> engine.sync(connector, destination,
                request, limiter, SyncListener.NONE, new CancelHandle()));
        // With no write permitted: 4 batches queued, 1 held by the blocked writer, 1 blocked in onBatch.
        assertThat(sixPages.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> sync.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(destination.writes).isEmpty();
        assertThat(pagesRequested.get()).isEqualTo(6);

        destination.permits.release(Integer.MAX_VALUE / 2);
        SyncResult result = sync.get(30, TimeUnit.SECONDS);

        assertThat(result.succeeded()).isTrue();
        assertThat(destination.writes).hasSize(50);
        assertThat(destination.writes).extracting(w -> w.state().position().orElseThrow())
                .startsWith("after:10", "after:20", "after:30");
        assertThat(List.of(destination.readState(new EntityTable("src", "items",
                List.of("id"), "src")).orElseThrow().finished())).containsExactly(true);
    }
}
