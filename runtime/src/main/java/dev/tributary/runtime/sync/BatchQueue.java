package dev.tributary.runtime.sync;

import dev.tributary.spi.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-off between an entity's fetching thread and its writing thread. The fetcher blocks when the
 * writer falls behind (back-pressure, so memory stays flat); the writer learns the end or the failure of the fetch
 * in order, after every batch before it. A slow writer takes every batch already waiting as one group and commits
 * it in one transaction ({@link #group}), so destinations whose cost is per transaction keep up; the batches of a
 * group count against the capacity until {@link #committed} says the group is written, so the batches in the queue
 * and in the writer's hands stay bounded at {@code capacity + 1}.
 *
 * <p>Thread-safe for one producer and one consumer.
 */
final class BatchQueue {

    /** What the writer takes: a batch, the end of the fetch, or its failure. */
    sealed interface Item permits Data, End, Failed {
    }

    /** A batch to write. */
    record Data(Batch batch) implements Item {
    }

    /** The fetch finished; every batch before this is all there is. */
    record End() implements Item {
    }

    /** The fetch failed or was cancelled. */
    record Failed(Throwable failure) implements Item {
    }

    private static final long OFFER_MILLIS = 100;

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private volatile boolean closed;

    /** @param capacity how many batches may wait besides the one the writer holds */
    BatchQueue(int capacity) {
        this.room = new Semaphore(capacity + 1);
    }

    /**
     * Hands a batch to the writer, waiting while the queue is full.
     *
     * @throws CancellationException when the writer has stopped or the thread is interrupted
     */
    void put(Batch batch) {
        try {
            while (!room.tryAcquire(OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new CancellationException("the writer has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while handing a batch to the writer");
        }
        offer(new Data(batch));
    }

    /** Signals the end of the fetch. */
    void finish() {
        offer(new End());
    }

    /** Signals the failure of the fetch. */
    void fail(Throwable failure) {
        try {
            offer(new Failed(failure));
        } catch (CancellationException e) {
            // The writer has stopped and will not read it.
        }
    }

    private void offer(Item item) {
        try {
            while (!items.offer(item, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new CancellationException("the writer has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while handing a batch to the writer");
        }
    }

    /** The next item, waiting up to {@code timeout}; absent when none arrived. */
    Optional<Item> poll(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * {@code first} merged with the batches queued right behind it, taken off the queue, as one batch of at most
     * {@code maxRecords} records (or {@code first} alone): their records in order, the resume state and the deletions
     * of the last. A batch with deletions or ending a complete listing ends a group, so deletions still apply after
     * every record before them. Call {@link #committed} with {@link Group#batches()} once it is written.
     */
    Group group(Batch first, int maxRecords) {
        Batch last = first;
        List<Map<String, Object>> records = null;
        int batches = 1;
        while (last.deletedKeys().isEmpty() && last.listingStartedAt().isEmpty()
                && items.peek() instanceof Data next
                && (records == null ? first.records().size() : records.size()) + next.batch().records().size()
                        <= maxRecords) {
            items.poll();
            if (records == null) {
                records = new ArrayList<>(first.records());
            }
            records.addAll(next.batch().records());
            last = next.batch();
            batches++;
        }
        Batch merged = records == null ? first
                : new Batch(records, last.deletedKeys(), last.resumeState(), last.listingStartedAt());
        return new Group(merged, batches);
    }

    /** A group of queued batches merged into one; {@code batches} is how many it holds. */
    record Group(Batch batch, int batches) {
    }

    /** Frees the room of {@code batches} batches the writer has written. */
    void committed(int batches) {
        room.release(batches);
    }

    /** Tells the fetcher that nothing more will be taken. */
    void close() {
        closed = true;
        items.clear();
    }
}
