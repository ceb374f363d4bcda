package dev.tributary.testkit;

import dev.tributary.spi.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects the batches a connector hands to {@link dev.tributary.spi.FetchOptions#onBatch}, in order, so a test can
 * assert on records, deletions and resume states. Pass it to
 * {@link dev.tributary.spi.FetchOptions.Builder#onBatch(Consumer)}.
 *
 * <p>Thread-safe; every accessor returns a snapshot.
 */
public final class RecordingBatches implements Consumer<Batch> {

    private final List<Batch> batches = new ArrayList<>();

    /** Creates an empty recorder. */
    public RecordingBatches() {
    }

    @Override
    public synchronized void accept(Batch batch) {
        batches.add(batch);
    }

    /** Every batch received, oldest first. */
    public synchronized List<Batch> batches() {
        return List.copyOf(batches);
    }

    /** How many batches were received. */
    public synchronized int count() {
        return batches.size();
    }

    /** The records of every batch, in the order they were handed over. */
    public synchronized List<Map<String, Object>> records() {
        List<Map<String, Object>> records = new ArrayList<>();
        batches.forEach(batch -> records.addAll(batch.records()));
        return records;
    }

    /** The deleted keys of every batch, in the order they were handed over. */
    public synchronized List<Map<String, Object>> deletedKeys() {
        List<Map<String, Object>> keys = new ArrayList<>();
        batches.forEach(batch -> keys.addAll(batch.deletedKeys()));
        return keys;
    }

    /** The resume state of every batch, oldest first. */
    public synchronized List<String> states() {
        return batches.stream().map(Batch::resumeState).toList();
    }

    /** The resume state of the last batch; absent when there was none. */
    public synchronized Optional<String> lastState() {
        return batches.isEmpty() ? Optional.empty() : Optional.of(batches.get(batches.size() - 1).resumeState());
    }
}
