package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.store.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncLauncherTest {

    private final SyncLauncher launcher =
            new SyncLauncher(new MutableClock(Instant.parse("2026-01-15T10:00:00Z")), Duration.ofSeconds(10));

    @AfterEach
    void close() {
        launcher.close();
    }

    @Test
    void runsTheSyncInTheBackgroundAndKeepsItsOutcome() throws InterruptedException {
        LiveRun run = launcher.launch("run-1", "shop", live -> outcome(RunStatus.SUCCEEDED));

        LiveRun.Snapshot ended = awaitEnd(run);

        assertThat(ended.outcome()).hasValueSatisfying(o -> assertThat(o.status()).isEqualTo(RunStatus.SUCCEEDED));
        assertThat(launcher.runs().isRunning("shop")).isFalse();
        assertThat(launcher.runs().find("run-1")).containsSame(run);
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
    }

    @Test
    void refusesASecondRunOfTheSameSourceWhileOneIsGoing() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        LiveRun first = launcher.launch("run-1", "shop", live -> {
            release.await(20, TimeUnit.SECONDS);
            return outcome(RunStatus.SUCCEEDED);
        });

        assertThatThrownBy(() -> launcher.launch("run-2", "shop", live -> outcome(RunStatus.SUCCEEDED)))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("'shop'", "run-1");
                });
        LiveRun other = launcher.launch("run-3", "crm", live -> outcome(RunStatus.SUCCEEDED));
        assertThat(awaitEnd(other).outcome()).isPresent();
        release.countDown();
        awaitEnd(first);
        LiveRun again = launcher.launch("run-4", "shop", live -> outcome(RunStatus.SUCCEEDED));
        assertThat(awaitEnd(again).outcome()).isPresent();
    }

    @Test
    void endsARunAsFailedWhenTheSyncThrows() throws InterruptedException {
        LiveRun run = launcher.launch("run-1", "shop", live -> {
            throw new IllegalStateException("connector 'shop' is not installed");
        });

        LiveRun.RunOutcome outcome = awaitEnd(run).outcome().orElseThrow();

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.error()).hasValue("connector 'shop' is not installed");
        assertThat(launcher.runs().isRunning("shop")).isFalse();
    }

    @Test
    void cancelsRunningSyncsWhenClosedAndStartsNoMore() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        LiveRun run = launcher.launch("run-1", "shop", live -> {
            started.countDown();
            CountDownLatch never = new CountDownLatch(1);
            while (!live.cancelHandle().isCancelled()) {
                never.await(5, TimeUnit.MILLISECONDS);
            }
            return outcome(RunStatus.CANCELLED);
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        launcher.close();

        assertThat(run.snapshot().outcome()).hasValueSatisfying(
                o -> assertThat(o.status()).isEqualTo(RunStatus.CANCELLED));
        assertThatThrownBy(() -> launcher.launch("run-2", "crm", live -> outcome(RunStatus.SUCCEEDED)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(503));
    }

    static LiveRun.RunOutcome outcome(RunStatus status) {
        return new LiveRun.RunOutcome(status, Optional.empty(), Optional.empty());
    }

    static LiveRun.Snapshot awaitEnd(LiveRun run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        LiveRun.Snapshot snapshot = run.snapshot();
        while (snapshot.outcome().isEmpty() && System.nanoTime() < deadline) {
            snapshot = run.awaitChange(snapshot.version(), Duration.ofSeconds(1));
        }
        assertThat(snapshot.outcome()).as("run %s ended", run.runId()).isPresent();
        return snapshot;
    }
}
