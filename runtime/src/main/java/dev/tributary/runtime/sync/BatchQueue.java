package dev.tributary.runtime.sync;

import dev.tributary.runtime.typing.FlatBatch;
import dev.tributary.spi.Batch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-off between an entity's fetching thread and its writing thread. The fetcher blocks when the
 * writer falls behind (back-pressure, so memory stays flat); the writer learns the end or the failure of the fetch
 * in order, after every batch before it. For a destination that prefers larger transactions the writer may take the
 * batches waiting behind the one it took as one merged batch ({@link #merge}); the fetcher can then queue up to the
 * capacity again while that merged batch is written.
 *
 * <p>Thread-safe for one producer and one consumer.
 */
final class BatchQueue {

    /** What the writer takes: a batch, the end of the fetch, or its failure. */
    sealed interface Item permits Data, End, Failed {
    }

    /** A batch to write, with its records flattened on the fetching thread when the writer types them. */
    record Data(Batch batch, Optional<FlatBatch> flat) implements Item {
    }

    /** The fetch finished; every batch before this is all there is. */
    record End() implements Item {
    }

    /** The fetch failed or was cancelled. */
    record Failed(Throwable failure) implements Item {
    }

    private static final long OFFER_MILLIS = 100;

    private final BlockingQueue<Item> items;
    private volatile boolean closed;

    BatchQueue(int capacity) {
        this.items = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Hands a batch to the writer, waiting while the queue is full.
     *
     * @throws CancellationException when the writer has stopped or the thread is interrupted
     */
    void put(Batch batch, Optional<FlatBatch> flat) {
        offer(new Data(batch, flat));
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
     * {@code first} merged with the batches queued right behind it, taken off the queue, into one batch of at most
     * {@code maxRecords} records, or {@code first} alone: their records (and flat records) in order, the resume
     * state, deletions and listing start of the last. A batch with deletions or ending a complete listing ends the
     * merge, so its deletions still apply after every record before them; the end or failure of the fetch is never
     * taken.
     */
    Data merge(Data first, int maxRecords) {
        Batch last = first.batch();
        List<Map<String, Object>> records = null;
        Optional<FlatBatch> flat = first.flat();
        while (last.deletedKeys().isEmpty() && last.listingStartedAt().isEmpty()
                && items.peek() instanceof Data next
                && (records == null ? first.batch().records().size() : records.size())
                        + next.batch().records().size() <= maxRecords) {
            items.poll();
            if (records == null) {
                records = new ArrayList<>(first.batch().records());
            }
            records.addAll(next.batch().records());
            if (flat.isPresent() && next.flat().isPresent()) {
                flat = Optional.of(flat.get().followedBy(next.flat().get()));
            }
            last = next.batch();
        }
        return records == null ? first
                : new Data(new Batch(records, last.deletedKeys(), last.resumeState(), last.listingStartedAt()), flat);
    }

    /** Tells the fetcher that nothing more will be taken. */
    void close() {
        closed = true;
        items.clear();
    }
}
