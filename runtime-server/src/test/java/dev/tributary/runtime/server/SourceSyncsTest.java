package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.Scheduler.Decision;
import dev.tributary.runtime.server.Scheduler.Outcome;
import dev.tributary.runtime.server.shop.FakeShopApi;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.RunStatus;
import dev.tributary.runtime.store.RunTrigger;
import dev.tributary.runtime.store.Schedule;
import dev.tributary.runtime.store.SyncRun;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules of stored sources, through the real store and sync engine, with a clock the test moves. */
class SourceSyncsTest {

    private static final String KEY = "sk_schedule_key_01";

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T09:10:00Z"));
    private FakeShopApi shop;
    private Tributary tributary;
    private SyncLauncher launcher;

    @BeforeEach
    void start() {
        shop = FakeShopApi.start(KEY, Map.of("customers", 3, "orders", 2));
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        tributary = Tributary.builder().home(home).environment(environment::get).clock(clock).build();
        launcher = new SyncLauncher(clock, Duration.ofSeconds(10));
        tributary.createSource(DataSourceDraft.of("hourly", "shop", Map.of("base_url", shop.baseUrl(), "api_key", KEY))
                .withSchedule(Schedule.of("0 * * * *", "Europe/Paris")));
        tributary.createSource(
                DataSourceDraft.of("manual", "shop", Map.of("base_url", shop.baseUrl(), "api_key", KEY)));
        tributary.createSource(DataSourceDraft.of("paused", "shop", Map.of("base_url", shop.baseUrl(), "api_key", KEY))
                .withSchedule(Schedule.utc("* * * * *")).withEnabled(false));
    }

    @AfterEach
    void stop() {
        launcher.close();
        tributary.close();
        shop.close();
    }

    @Test
    void listsOnlyEnabledScheduledSourcesSinceTheirCreation() {
        List<ScheduledSyncs.ScheduledSource> scheduled = new SourceSyncs(tributary, launcher).scheduled();

        assertThat(scheduled).containsExactly(new ScheduledSyncs.ScheduledSource("hourly", "0 * * * *",
                ZoneId.of("Europe/Paris"), Instant.parse("2026-01-15T09:10:00Z")));
    }

    @Test
    void syncsWhenDueAndAfterARestartRunsAMissedTickOnce() throws InterruptedException {
        SourceSyncs syncs = new SourceSyncs(tributary, launcher);
        assertThat(new Scheduler(syncs, clock).tick()).as("nothing due before 10:00").isEmpty();

        clock.set(Instant.parse("2026-01-15T10:00:20Z"));
        List<Decision> due = new Scheduler(syncs, clock).tick();
        assertThat(due).extracting(Decision::source, Decision::outcome)
                .containsExactly(tuple("hourly", Outcome.STARTED));
        SyncRun first = awaitRun();
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.trigger()).isEqualTo(RunTrigger.SCHEDULE);

        clock.set(Instant.parse("2026-01-15T13:30:00Z"));
        Scheduler restarted = new Scheduler(new SourceSyncs(tributary, launcher), clock);
        List<Decision> missed = restarted.tick();
        awaitRunsOf(2);
        List<Decision> again = restarted.tick();

        assertThat(missed).extracting(Decision::due).containsExactly(Instant.parse("2026-01-15T13:00:00Z"));
        assertThat(again).isEmpty();
        assertThat(tributary.runs(Optional.of("hourly"), 10)).hasSize(2);
        assertThat(tributary.runs(Optional.of("paused"), 10)).isEmpty();
    }

    private SyncRun awaitRun() throws InterruptedException {
        return awaitRunsOf(1).get(0);
    }

    private List<SyncRun> awaitRunsOf(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<SyncRun> runs = tributary.runs(Optional.of("hourly"), 10);
            if (runs.size() >= count && runs.get(0).status().isFinal() && !launcher.runs().isRunning("hourly")) {
                return runs;
            }
            new CountDownLatch(1).await(20, TimeUnit.MILLISECONDS); // poll to a deadline
        }
        throw new AssertionError("no " + count + " finished runs of 'hourly' in time");
    }
}
