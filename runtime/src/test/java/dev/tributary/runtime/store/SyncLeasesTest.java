package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.FakeClock;
import dev.tributary.runtime.crypto.EncryptionKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncLeasesTest {

    private static final Duration LIFETIME = Duration.ofSeconds(60);

    @RegisterExtension
    final StoreFixture stores = new StoreFixture();

    @TempDir
    Path folder;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final EncryptionKey key = EncryptionKey.generate(new SecureRandom());
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private StoreLocation location;
    private Store store;
    private SyncRuns runs;
    private DataSource source;

    private void open(Backend backend) {
        location = stores.location(backend, folder);
        store = Store.open(location, clock);
        runs = new SyncRuns(store, clock);
        source = new DataSources(store, () -> key, clock, "jdbc:sqlite:w.db")
                .create(DataSourceDraft.of("crm", "demo", Map.of("api_key", "k")), DataSourcesTest.SCHEMA);
    }

    private SyncLeases leases(String owner, Clock leaseClock) {
        SyncLeases leases = new SyncLeases(store, new SyncRuns(store, leaseClock), leaseClock, LIFETIME, owner);
        toClose.add(leases);
        return leases;
    }

    @AfterEach
    void closeLeases() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesASecondSyncWhileTheFirstHoldsTheLease(Backend backend) {
        open(backend);
        SyncLease first = leases("process one", clock).acquire(source, "run-1");

        assertThatThrownBy(() -> leases("process two", clock).acquire(source, "run-2"))
                .isInstanceOf(SyncAlreadyRunningException.class)
                .hasMessageContaining("data source 'crm' is already being synced")
                .hasMessageContaining("run run-1 by process one");

        first.close();
        leases("process two", clock).acquire(source, "run-2").close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void letsExactlyOneOfTwoRacingThreadsSync(Backend backend) throws Exception {
        open(backend);
        SyncLeases leases = leases("this process", clock);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Optional<SyncLease>>> attempts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String runId = "run-" + i;
                attempts.add(threads.submit(() -> {
                    start.await();
                    try {
                        return Optional.of(leases.acquire(source, runId));
                    } catch (SyncAlreadyRunningException e) {
                        return Optional.empty();
                    }
                }));
            }
            start.countDown();
            List<Optional<SyncLease>> outcomes = new ArrayList<>();
            for (Future<Optional<SyncLease>> attempt : attempts) {
                outcomes.add(attempt.get(30, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn(Optional::isPresent).hasSize(1);
            outcomes.forEach(outcome -> outcome.ifPresent(SyncLease::close));
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void renewingKeepsTheLeaseBeyondItsFirstLifetime(Backend backend) {
        open(backend);
        SyncLease lease = leases("one", clock).acquire(source, "run-1");
        clock.advance(Duration.ofSeconds(50));
        assertThat(lease.renew()).isTrue();
        clock.advance(Duration.ofSeconds(50));

        assertThatThrownBy(() -> leases("two", clock).acquire(source, "run-2"))
                .isInstanceOf(SyncAlreadyRunningException.class);
        lease.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void takesOverALapsedLeaseAndMarksTheDeadRunFailed(Backend backend) {
        open(backend);
        SyncLease stalled = leases("stalled process", clock).acquire(source, "run-1");
        CountDownLatch told = new CountDownLatch(1);
        stalled.onLost(told::countDown);
        runs.start("run-1", source, RunTrigger.SCHEDULE);
        clock.advance(LIFETIME.plusSeconds(1));

        SyncLease successor = leases("new process", clock).acquire(source, "run-2");

        assertThat(successor.runId()).isEqualTo("run-2");
        SyncRun dead = runs.find("run-1").orElseThrow();
        assertThat(dead.status()).isEqualTo(RunStatus.FAILED);
        assertThat(dead.error()).hasValueSatisfying(error -> assertThat(error)
                .contains("abandoned").contains("stalled process"));
        assertThat(stalled.renew()).isFalse();
        assertThat(stalled.isLost()).isTrue();
        assertThat(told.getCount()).isZero();
        stalled.close();
        assertThatThrownBy(() -> leases("third", clock).acquire(source, "run-3"))
                .isInstanceOf(SyncAlreadyRunningException.class);
        successor.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void refusesASyncWhileAnotherProcessHoldsTheLeaseAndTakesOverAfterItIsKilled(Backend backend) throws Exception {
        open(backend);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LeaseHolderProcess.class.getName(),
                location.jdbcUrl(), source.name())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("ENCRYPTION_KEY", key.toHex().reveal());
        Process child = builder.start();
        try {
            String runId = awaitHeld(child);
            Clock realClock = Clock.systemUTC();

            assertThatThrownBy(() -> leases("parent", realClock).acquire(source, "parent-run"))
                    .isInstanceOf(SyncAlreadyRunningException.class)
                    .hasMessageContaining("run " + runId + " by child process");

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Clock afterLapse = Clock.offset(realClock, LIFETIME.plusSeconds(5));
            leases("parent", afterLapse).acquire(source, "parent-run").close();
            assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        } finally {
            child.destroyForcibly();
        }
    }

    private String awaitHeld(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).startsWith("HELD ");
        return line.substring("HELD ".length());
    }
}
