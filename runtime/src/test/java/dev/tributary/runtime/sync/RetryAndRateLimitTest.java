package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.sync.ItemsHttpServer.Fault;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryAndRateLimitTest {

    @TempDir
    Path directory;

    private final ItemSource items = ItemSource.of(35);
    private final ItemSource tags = ItemSource.of(8);
    private ItemsHttpServer server;
    private SyncHarness harness;

    @BeforeEach
    void start() throws Exception {
        server = new ItemsHttpServer(items, tags);
        harness = SyncHarness.sqlite(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SyncResult sync(RecordingListener listener, int maxRetries) {
        SyncRequest request = SyncHarness.request();
        request = request.withSettings(request.settings().withMaxRetries(maxRetries));
        return harness.sync(new HttpItemsConnector(server.baseUri()), request, listener, new CancelHandle());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, mode = EnumSource.Mode.EXCLUDE, names = "PASS")
    void everyTransientFaultMidSyncIsRetriedAndTheTableEndsExact(Fault fault) {
        items.put(36, 2000, "extra");
        harness.sync(new HttpItemsConnector(server.baseUri()), SyncHarness.request("items"), SyncListener.NONE,
                new CancelHandle());
        items.put(37, 2001, "after first run");
        server.enqueue("items", fault, fault);

        SyncResult result = sync(new RecordingListener(), 5);

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
        // The JDK client itself repeats a GET once when the connection closes before a response.
        int expectedWaits = fault == Fault.CONNECTION_RESET ? 1 : 2;
        assertThat(harness.sleeper.waits()).hasSize(expectedWaits).allSatisfy(wait ->
                assertThat(wait).isGreaterThanOrEqualTo(Backoff.DEFAULT.minimum()));
    }

    @Test
    void rateLimitWithRetryAfterWaitsThatLongAndReportsIt() {
        server.enqueue("items", Fault.RATE_LIMITED_RETRY_AFTER_7);
        RecordingListener listener = new RecordingListener();

        SyncResult result = sync(listener, 5);

        assertThat(result.succeeded()).isTrue();
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(listener.statuses("items")).contains(EntityStatus.RATE_LIMITED);
        assertThat(listener.progress()).anySatisfy(p -> assertThat(p.detail()).contains("rate limited")
                .contains("7000 ms"));
    }

    @Test
    void rateLimitWithoutHintBacksOffWithJitter() {
        server.enqueue("items", Fault.RATE_LIMITED_NO_HINT, Fault.RATE_LIMITED_NO_HINT, Fault.RATE_LIMITED_NO_HINT);

        SyncResult result = sync(new RecordingListener(), 5);

        assertThat(result.succeeded()).isTrue();
        // Random source fixed at 0.5: half of 1 s, 2 s, 4 s.
        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(2000));
    }

    @Test
    void entityFailsAfterMaxRetriesKeepingItsStateWhileOthersFinish() {
        server.enqueue("items", Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);

        SyncResult result = sync(new RecordingListener(), 2);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.entity("items").status()).isEqualTo(EntityStatus.FAILED);
        assertThat(result.entity("items").error()).hasValueSatisfying(error -> assertThat(error)
                .contains("entity 'items' gave up after 3 consecutive failures").contains("HTTP 503"));
        assertThat(result.entity("tags").status()).isEqualTo(EntityStatus.DONE);
        assertThat(harness.records("src_tags")).hasSize(8);
        assertThat(harness.sleeper.waits()).hasSize(2);
    }

    @Test
    void retryCountResetsWhenBatchesArrive() {
        server.enqueue("items", Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.PASS, Fault.SERVER_ERROR,
                Fault.SERVER_ERROR);

        SyncResult result = sync(new RecordingListener(), 2);

        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(harness.sleeper.waits()).hasSize(4);
        assertThat(harness.records("src_items").keySet()).containsExactlyElementsOf(SyncHarness.ids(items));
    }
}
