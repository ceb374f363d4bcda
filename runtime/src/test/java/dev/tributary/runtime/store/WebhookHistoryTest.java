package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.FakeClock;
import dev.tributary.runtime.webhook.WebhookActivity;
import dev.tributary.runtime.webhook.WebhookActivityLog;
import dev.tributary.runtime.webhook.WebhookReceipt;
import dev.tributary.runtime.webhook.WebhookReceipt.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookHistoryTest {

    @RegisterExtension
    final StoreFixture stores = new StoreFixture();

    @TempDir
    Path folder;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T23:59:00Z"));

    private WebhookActivityLog log(StoreLocation location) {
        return new WebhookActivityLog(clock, new SyncRuns(Store.open(location, clock), clock).webhookHistory());
    }

    private static WebhookReceipt applied(String source, String eventId, Instant eventTime) {
        return new WebhookReceipt(source, Status.APPLIED, Optional.of(eventId), Optional.of("customer.updated"),
                Optional.of(eventTime), "applied", 1, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void countsDeliveriesPerSourceAndDayAndKeepsThemAcrossARestart(Backend backend) {
        StoreLocation location = stores.location(backend, folder);
        WebhookActivityLog before = log(location);
        before.record(applied("billing", "evt_2", Instant.parse("2026-03-01T23:58:00Z")));
        before.record(applied("billing", "evt_1", Instant.parse("2026-03-01T23:50:00Z")));
        before.record(WebhookReceipt.of("billing", Status.REFUSED, "stale signature"));
        before.record(WebhookReceipt.of("crm", Status.IGNORED, "unknown type"));
        before.record(WebhookReceipt.of("nope", Status.NOT_FOUND, "no data source of that name"));
        clock.advance(Duration.ofMinutes(2)); // the next UTC day
        before.record(new WebhookReceipt("billing", Status.DUPLICATE, Optional.of("evt_2"),
                Optional.of("customer.updated"), Optional.of(Instant.parse("2026-03-01T23:58:00Z")), "before", 0, 0, 0));

        WebhookActivityLog after = log(location); // a new server on the same store

        WebhookActivity billing = after.of("billing");
        assertThat(billing.applied()).isEqualTo(2);
        assertThat(billing.duplicates()).isEqualTo(1);
        assertThat(billing.refused()).isEqualTo(1);
        assertThat(billing.ignored()).isZero();
        assertThat(billing.lastEventTime()).contains(Instant.parse("2026-03-01T23:58:00Z"));
        assertThat(billing.lastReceivedAt()).contains(Instant.parse("2026-03-02T00:01:00Z"));
        List<WebhookDay> days = after.days("billing", 10);
        assertThat(days).extracting(WebhookDay::day)
                .containsExactly(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-01"));
        assertThat(days.get(0).applied()).isZero();
        assertThat(days.get(0).duplicates()).isEqualTo(1);
        assertThat(days.get(0).lastEventTime()).isEmpty();
        assertThat(days.get(1).applied()).isEqualTo(2);
        assertThat(days.get(1).lastReceivedAt()).isEqualTo(Instant.parse("2026-03-01T23:59:00Z"));
        assertThat(after.days("billing", 1)).hasSize(1);
        assertThat(after.of("crm").ignored()).isEqualTo(1);
        assertThat(after.of("nope")).isEqualTo(WebhookActivity.none("nope"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void countsConcurrentDeliveriesExactly(Backend backend) throws Exception {
        WebhookActivityLog log = log(stores.location(backend, folder));
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    log.record(applied("billing", "evt_" + thread + "_" + i, Instant.parse("2026-03-01T10:00:00Z")));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(log.of("billing").applied()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stillTellsTheListenersWhenTheStoreCannotBeWritten(Backend backend) {
        StoreLocation location = stores.location(backend, folder);
        Store store = Store.open(location, clock);
        store.inTransaction("dropping the activity table", connection -> {
            connection.createStatement().execute("DROP TABLE webhook_activity");
            return null;
        });
        WebhookActivityLog log = new WebhookActivityLog(clock, new WebhookHistory(store));
        List<WebhookReceipt> told = new ArrayList<>();
        log.addListener(told::add);

        log.record(applied("billing", "evt_1", Instant.parse("2026-03-01T10:00:00Z")));

        assertThat(told).hasSize(1);
    }
}
