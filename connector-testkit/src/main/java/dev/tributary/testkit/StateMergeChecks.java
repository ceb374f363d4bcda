package dev.tributary.testkit;

import static dev.tributary.testkit.ContractFixtures.ITEMS;
import static dev.tributary.testkit.ContractFixtures.T0;
import static dev.tributary.testkit.ContractFixtures.assertExactly;
import static dev.tributary.testkit.ContractFixtures.incremental;
import static dev.tributary.testkit.ContractFixtures.items;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;

/**
 * The check of {@link EntityWriter#writeMergingState} (SPI 1.1): two writers of one table on two destination
 * instances, the second writing while the first one's merge function runs; the second must merge what the first
 * committed, so the stored state holds both parts. Skipped for a destination without it (SPI 1.0).
 */
final class StateMergeChecks {

    /**
     * How long the first writer's merge waits for the second writer's merge to be called, which would show that the
     * second read the state while the first held it. A correct destination makes it wait all of it; a wrong one is
     * seen as soon as the second writer gets there.
     */
    private static final long OVERLAP_WAIT_MILLIS = 1_000;
    private static final long TIMEOUT_SECONDS = 60;

    private final DestinationHarness harness;

    StateMergeChecks(DestinationHarness harness) {
        this.harness = harness;
    }

    void writeMergingStateMergesUnderTheLockOfTheStoredState() throws Exception {
        Destination first = harness.open();
        Destination second = harness.open();
        EntityWriter one = harness.writer(first, ITEMS, incremental());
        EntityWriter other = harness.writer(second, ITEMS, incremental());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            race(threads, one, other, "1", "2", Optional.empty(), "no state was stored yet");
            race(threads, other, one, "3", "4", Optional.of("1,2"), "the state row exists");
        } finally {
            threads.shutdownNow();
        }
        assertThat(harness.open().readState(ITEMS).flatMap(SyncState::position))
                .as("the stored state after four writeMergingState calls, each adding its part to the position")
                .contains("1,2,3,4");
        assertExactly(harness.rows(ITEMS), ITEMS, items("1", "2", "3", "4"),
                "after four writeMergingState calls of two writers, each writing one key");
    }

    /**
     * The holder writes key {@code mine} and part {@code mine}; while its merge runs, the waiter writes key and part
     * {@code theirs}.
     */
    private void race(ExecutorService threads, EntityWriter holder, EntityWriter waiter, String mine, String theirs,
            Optional<String> before, String when) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch waiterMerged = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicReference<Optional<String>> holderRead = new AtomicReference<>();
        AtomicReference<Optional<String>> waiterRead = new AtomicReference<>();
        Future<?> held = threads.submit(() -> harness.writeMergingState(holder, items(mine), part(mine), T0,
                (stored, proposed) -> {
                    holderRead.set(stored.flatMap(SyncState::position));
                    holding.countDown();
                    try {
                        overlapped.set(waiterMerged.await(OVERLAP_WAIT_MILLIS, TimeUnit.MILLISECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return joined(stored, proposed);
                }));
        while (!holding.await(10, TimeUnit.MILLISECONDS)) {
            if (held.isDone()) {
                Throwable failure = failureOf(held);
                Assumptions.assumeFalse(failure instanceof UnsupportedOperationException,
                        "writeMergingState is not implemented (a destination built against SPI 1.0): " + failure);
                throw new AssertionError("writeMergingState returned without calling its merge function"
                        + (failure == null ? "" : "; it threw " + failure), failure);
            }
        }
        Future<?> waited = threads.submit(() -> harness.writeMergingState(waiter, items(theirs), part(theirs),
                T0.plusSeconds(1), (stored, proposed) -> {
                    waiterRead.set(stored.flatMap(SyncState::position));
                    waiterMerged.countDown();
                    return joined(stored, proposed);
                }));
        complete(held, "the first writer's writeMergingState (" + when + ")");
        complete(waited, "the second writer's writeMergingState (" + when + ")");

        assertThat(holderRead.get()).as("the stored state the first writer's merge got (%s)", when)
                .isEqualTo(before);
        assertThat(overlapped.get())
                .as("while the first writer's merge function ran (%s), a second writer of the same table on another"
                        + " destination instance called its own merge function: lock the state row before reading"
                        + " it and hold the lock until the commit, so that the second waits", when)
                .isFalse();
        assertThat(waiterRead.get())
                .as("the stored state the second writer's merge got (%s) must be the one the first writer committed"
                        + " while the second waited for the lock", when)
                .contains(joinedText(before, mine));
    }

    private static SyncState part(String part) {
        return incremental().advancedTo(part, Optional.empty());
    }

    /** The proposed state with the stored position's parts and the proposed one's, sorted. */
    private static SyncState joined(Optional<SyncState> stored, SyncState proposed) {
        return proposed.advancedTo(joinedText(stored.flatMap(SyncState::position), proposed.position().orElseThrow()),
                Optional.empty());
    }

    private static String joinedText(Optional<String> stored, String part) {
        TreeSet<String> parts = new TreeSet<>(List.of(part));
        stored.ifPresent(text -> parts.addAll(Arrays.asList(text.split(","))));
        return String.join(",", parts);
    }

    private static Throwable failureOf(Future<?> done) throws InterruptedException {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void complete(Future<?> write, String what) throws InterruptedException {
        try {
            write.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not return within " + TIMEOUT_SECONDS + " s: two writers of one"
                    + " table must not deadlock", e);
        }
    }
}
