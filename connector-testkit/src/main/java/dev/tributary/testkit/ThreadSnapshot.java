package dev.tributary.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The threads alive at one moment, to find the ones a connector started and left running. */
final class ThreadSnapshot {

    private final Set<Thread> threads;

    private ThreadSnapshot(Set<Thread> threads) {
        this.threads = threads;
    }

    static ThreadSnapshot take() {
        return new ThreadSnapshot(Set.copyOf(Thread.getAllStackTraces().keySet()));
    }

    /**
     * The threads started since this snapshot that are still alive after waiting up to {@code grace} in total for
     * them to end (by joining them, not by sleeping), leaving out those {@code shared} accepts.
     */
    List<Thread> survivorsAfter(Duration grace, Predicate<Thread> shared) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> survivors = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (threads.contains(thread) || thread == Thread.currentThread() || shared.test(thread)) {
                continue;
            }
            long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            thread.join(remainingMillis);
            if (thread.isAlive()) {
                survivors.add(thread);
            }
        }
        return survivors;
    }
}
