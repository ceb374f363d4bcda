package dev.tributary.runtime.typing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch's records as a {@link RecordFlattener} flattened them on the fetching thread, or the failure flattening
 * met (a record without its primary key, a value that is not JSON), kept to be thrown on the writing thread when
 * the writer reaches this batch, after every batch before it was written, exactly as if the writer had typed it.
 * Immutable.
 */
public final class FlatBatch {

    private final List<FlatRecord> records;
    private final RuntimeException failure;

    private FlatBatch(List<FlatRecord> records, RuntimeException failure) {
        this.records = records;
        this.failure = failure;
    }

    /** Flattens {@code records}, keeping the failure instead of throwing it. */
    public static FlatBatch of(RecordFlattener flattener, List<Map<String, Object>> records) {
        Objects.requireNonNull(flattener, "flattener");
        try {
            return new FlatBatch(List.copyOf(flattener.flatten(records)), null);
        } catch (RuntimeException e) {
            // Deferred, not swallowed: records() throws it on the writer, in the batch's turn.
            return new FlatBatch(List.of(), e);
        }
    }

    /**
     * The flat records, one per record of the batch, in order.
     *
     * @throws RuntimeException the failure flattening met
     */
    public List<FlatRecord> records() {
        if (failure != null) {
            throw failure;
        }
        return records;
    }

    /** This batch followed by {@code next}: its records then next's, or the first failure of the two. */
    public FlatBatch followedBy(FlatBatch next) {
        if (failure != null) {
            return this;
        }
        if (next.failure != null) {
            return next;
        }
        List<FlatRecord> both = new ArrayList<>(records.size() + next.records.size());
        both.addAll(records);
        both.addAll(next.records);
        return new FlatBatch(both, null);
    }
}
