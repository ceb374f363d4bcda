package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tributary.runtime.server.Scheduler.Decision;
import dev.tributary.runtime.server.Scheduler.Outcome;
import dev.tributary.runtime.server.ScheduledSyncs.ScheduledSource;
import dev.tributary.runtime.store.SyncAlreadyRunningException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final String HOURLY = "0 * * * *";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:30Z"));
    private final FakeSyncs syncs = new FakeSyncs();

    @Test
    void startsASyncWhenItsTimeHasCome() {
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, Instant.parse("2026-01-15T09:00:10Z")));

        List<Decision> decisions = new Scheduler(syncs, clock).tick();

        assertThat(decisions).containsExactly(
                new Decision("shop", Instant.parse("2026-01-15T10:00:00Z"), Outcome.STARTED));
        assertThat(syncs.started).containsExactly("shop");
    }

    @Test
    void startsEachDueTimeOnlyOnce() {
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, Instant.parse("2026-01-15T09:00:10Z")));
        Scheduler scheduler = new Scheduler(syncs, clock);

        scheduler.tick();
        syncs.running.clear();
        clock.advance(Duration.ofMinutes(20));
        List<Decision> again = scheduler.tick();
        clock.advance(Duration.ofMinutes(40));
        List<Decision> nextHour = scheduler.tick();

        assertThat(again).isEmpty();
        assertThat(nextHour).extracting(Decision::due).containsExactly(Instant.parse("2026-01-15T11:00:00Z"));
        assertThat(syncs.started).containsExactly("shop", "shop");
    }

    @Test
    void waitsForTheFirstDueTimeAfterTheLastRun() {
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, Instant.parse("2026-01-15T10:00:05Z")));

        assertThat(new Scheduler(syncs, clock).tick()).isEmpty();
        assertThat(syncs.started).isEmpty();
    }

    @Test
    void skipsTheTickWhileThePreviousRunIsStillGoing() {
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, Instant.parse("2026-01-15T09:00:10Z")));
        syncs.running.add("shop");
        Scheduler scheduler = new Scheduler(syncs, clock);

        List<Decision> decisions = scheduler.tick();
        syncs.running.clear();
        clock.advance(Duration.ofMinutes(5));
        List<Decision> afterItEnded = scheduler.tick();

        assertThat(decisions).extracting(Decision::outcome).containsExactly(Outcome.SKIPPED_RUNNING);
        assertThat(afterItEnded).as("a skipped tick is not made up later").isEmpty();
        assertThat(syncs.started).isEmpty();
    }

    @Test
    void treatsALostStartRaceAsASkip() {
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, Instant.parse("2026-01-15T09:00:10Z")));
        syncs.failure = Optional.of(ApiError.conflict("a sync of 'shop' is already running"));

        assertThat(new Scheduler(syncs, clock).tick()).extracting(Decision::outcome)
                .containsExactly(Outcome.SKIPPED_RUNNING);
    }

    @Test
    void skipsTheTickWhileAnotherProcessSyncsTheSource() {
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, Instant.parse("2026-01-15T09:00:10Z")));
        syncs.failure = Optional.of(new SyncAlreadyRunningException("shop", "pid 1 on host-b", "run-b",
                Instant.parse("2026-01-15T09:59:00Z"), Instant.parse("2026-01-15T10:01:00Z")));

        assertThat(new Scheduler(syncs, clock).tick()).extracting(Decision::outcome)
                .containsExactly(Outcome.SKIPPED_RUNNING);
    }

    @Test
    void runsTicksMissedWhileDownOnceAfterRestart() {
        Instant lastRun = Instant.parse("2026-01-15T06:00:02Z");
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, lastRun));
        clock.set(Instant.parse("2026-01-15T10:30:00Z"));
        Scheduler restarted = new Scheduler(syncs, clock);

        List<Decision> first = restarted.tick();
        syncs.running.clear();
        List<Decision> second = restarted.tick();

        assertThat(first).containsExactly(
                new Decision("shop", Instant.parse("2026-01-15T10:00:00Z"), Outcome.STARTED));
        assertThat(second).isEmpty();
        assertThat(syncs.started).containsExactly("shop");
    }

    @Test
    void readsTheScheduleInTheSourcesTimeZone() {
        Instant since = Instant.parse("2026-01-14T12:00:00Z");
        syncs.sources.add(new ScheduledSource("paris", "0 9 * * *", ZoneId.of("Europe/Paris"), since));
        syncs.sources.add(new ScheduledSource("utc", "0 9 * * *", ZoneOffset.UTC, since));
        clock.set(Instant.parse("2026-01-15T08:00:30Z"));
        Scheduler scheduler = new Scheduler(syncs, clock);

        List<Decision> atNineInParis = scheduler.tick();
        clock.set(Instant.parse("2026-01-15T09:00:30Z"));
        syncs.running.clear();
        List<Decision> atNineUtc = scheduler.tick();

        assertThat(atNineInParis).containsExactly(
                new Decision("paris", Instant.parse("2026-01-15T08:00:00Z"), Outcome.STARTED));
        assertThat(atNineUtc).containsExactly(
                new Decision("utc", Instant.parse("2026-01-15T09:00:00Z"), Outcome.STARTED));
    }

    @Test
    void keepsSchedulingOtherSourcesWhenOneCannotStart() {
        Instant since = Instant.parse("2026-01-15T09:00:10Z");
        syncs.sources.add(new ScheduledSource("broken", HOURLY, ZoneOffset.UTC, since));
        syncs.sources.add(new ScheduledSource("bad-cron", "not a cron", ZoneOffset.UTC, since));
        syncs.sources.add(new ScheduledSource("shop", HOURLY, ZoneOffset.UTC, since));
        syncs.failing.add("broken");

        List<Decision> decisions = new Scheduler(syncs, clock).tick();

        assertThat(decisions).extracting(Decision::source, Decision::outcome).containsExactly(
                tuple("broken", Outcome.FAILED),
                tuple("shop", Outcome.STARTED));
        assertThat(syncs.started).containsExactly("shop");
    }

    /** Records starts; sources named in {@code running} are busy, those in {@code failing} cannot start. */
    private static final class FakeSyncs implements ScheduledSyncs {
        final List<ScheduledSource> sources = new ArrayList<>();
        final Set<String> running = new HashSet<>();
        final Set<String> failing = new HashSet<>();
        final List<String> started = new ArrayList<>();
        Optional<RuntimeException> failure = Optional.empty();

        @Override
        public List<ScheduledSource> scheduled() {
            return sources;
        }

        @Override
        public boolean isRunning(String source) {
            return running.contains(source);
        }

        @Override
        public void start(String source) {
            if (failure.isPresent()) {
                throw failure.get();
            }
            if (failing.contains(source)) {
                throw new IllegalStateException("connector gone");
            }
            started.add(source);
            running.add(source);
        }
    }
}
