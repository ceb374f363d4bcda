package dev.tributary.spi;

import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What {@link BaseConnector#fetchEntity(FetchOptions)} needs to fetch one entity: which entity, where to start, where
 * to hand records ({@link #onBatch}), and the shared services of the run (rate limiter, logger, cancellation).
 *
 * <p>The runtime builds one instance per entity run; tests and embedders build them with {@link #builder(String)}.
 * Instances are immutable; the callbacks are safe to call from the fetching thread only.
 *
 * <h2>Where to start</h2>
 * <ul>
 *   <li>{@link #resumeState()} is present when an earlier run of this entity was interrupted (crash, cancellation,
 *       failure): continue from exactly there, with the same {@link #since()} it had.</li>
 *   <li>{@link #since()} is present on an incremental run: fetch records whose cursor field is at or after it.
 *       It is derived from the source's own cursor values the runtime has committed, minus the look-back window.
 *       </li>
 *   <li>{@link #checkpoint()} is the state handed over with the final batch of the last run that finished, for
 *       connectors that track a position across runs (for example an events-API cursor).</li>
 *   <li>All three absent: a first sync or a full refresh. Fetch everything.</li>
 * </ul>
 *
 * @since 1.0
 */
public final class FetchOptions {

    private final String entity;
    private final int batchSize;
    private final Optional<Instant> since;
    private final Optional<String> resumeState;
    private final Optional<String> checkpoint;
    private final Consumer<Batch> batchConsumer;
    private final ProgressListener progressListener;
    private final System.Logger logger;
    private final RateLimiter rateLimiter;
    private final BooleanSupplier cancelled;

    private FetchOptions(Builder builder) {
        this.entity = builder.entity;
        this.batchSize = builder.batchSize;
        this.since = Optional.ofNullable(builder.since);
        this.resumeState = Optional.ofNullable(builder.resumeState);
        this.checkpoint = Optional.ofNullable(builder.checkpoint);
        this.batchConsumer = builder.batchConsumer;
        this.progressListener = builder.progressListener;
        this.logger = builder.logger;
        this.rateLimiter = builder.rateLimiter;
        this.cancelled = builder.cancelled;
    }

    /** Starts options for the named entity. */
    public static Builder builder(String entity) {
        return new Builder(entity);
    }

    /** The name of the entity to fetch, one of {@link BaseConnector#getAvailableEntities()}. */
    public String entity() {
        return entity;
    }

    /** The largest number of records to put in one {@link Batch}; also a good page size to ask the source for. */
    public int batchSize() {
        return batchSize;
    }

    /** The lower bound (inclusive) of the cursor field on an incremental run; absent on a first or full sync. */
    public Optional<Instant> since() {
        return since;
    }

    /** The state of the last committed batch of an interrupted run, to continue from; absent when starting fresh. */
    public Optional<String> resumeState() {
        return resumeState;
    }

    /** The state handed over with the final batch of the last finished run; absent on a first or full sync. */
    public Optional<String> checkpoint() {
        return checkpoint;
    }

    /**
     * Hands a batch of records to the runtime together with the resume state as of the end of that batch.
     * Blocks while the runtime's write queue is full (back-pressure).
     *
     * @param records at most {@link #batchSize()} records, possibly none (to advance the state only)
     * @param resumeState the position to continue from after this batch
     * @throws CancellationException when the sync has been cancelled; let it propagate
     * @throws IllegalArgumentException when the batch is larger than {@link #batchSize()}
     */
    public void onBatch(List<Map<String, Object>> records, String resumeState) {
        deliver(new Batch(records, List.of(), resumeState));
    }

    /**
     * Reports records the source deleted, together with the resume state after them. The runtime marks the rows
     * as deleted ({@code _deleted_at}) in the same transaction as the state.
     *
     * @param keys one map per deleted record holding at least its primary-key field(s)
     * @param resumeState the position to continue from after this batch
     * @throws CancellationException when the sync has been cancelled; let it propagate
     */
    public void onDeleted(List<Map<String, Object>> keys, String resumeState) {
        deliver(new Batch(List.of(), keys, resumeState));
    }

    /**
     * Hands a batch that may mix records and deletions.
     *
     * @throws CancellationException when the sync has been cancelled; let it propagate
     * @throws IllegalArgumentException when the batch holds more than {@link #batchSize()} items
     */
    public void onBatch(Batch batch) {
        deliver(batch);
    }

    private void deliver(Batch batch) {
        throwIfCancelled();
        if (batch.size() > batchSize) {
            throw new IllegalArgumentException("batch of " + batch.size() + " items for entity '" + entity
                    + "' exceeds the batch size " + batchSize);
        }
        batchConsumer.accept(batch);
    }

    /** Reports the number of records fetched so far in this run, total unknown. */
    public void onProgress(long current) {
        progressListener.onProgress(current, OptionalLong.empty());
    }

    /** Reports the number of records fetched so far in this run and the total expected. */
    public void onProgress(long current, long total) {
        progressListener.onProgress(current, OptionalLong.of(total));
    }

    /** A logger for this entity run; messages are tagged with the data source and entity by the runtime. */
    public System.Logger logger() {
        return logger;
    }

    /** The rate limiter shared by every fetch of this data source; call {@link RateLimiter#acquire()} per request. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /**
     * Whether the sync was cancelled. Connectors check it between requests; the runtime also interrupts the
     * fetching thread, so blocking I/O is abandoned promptly.
     */
    public boolean isCancelled() {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    /**
     * Throws when the sync was cancelled.
     *
     * @throws CancellationException when {@link #isCancelled()}
     */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("sync of entity '" + entity + "' was cancelled");
        }
    }

    /** Builds {@link FetchOptions}. Not thread-safe. */
    public static final class Builder {
        private final String entity;
        private int batchSize = 100;
        private Instant since;
        private String resumeState;
        private String checkpoint;
        private Consumer<Batch> batchConsumer = batch -> { };
        private ProgressListener progressListener = ProgressListener.NONE;
        private System.Logger logger;
        private RateLimiter rateLimiter = RateLimiter.unlimited();
        private BooleanSupplier cancelled = () -> false;

        private Builder(String entity) {
            this.entity = Objects.requireNonNull(entity, "entity");
            this.logger = System.getLogger("dev.tributary.connector." + entity);
        }

        /** Records per batch, at least 1; default 100. */
        public Builder batchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + value);
            }
            this.batchSize = value;
            return this;
        }

        /** The incremental lower bound; null for none. */
        public Builder since(Instant value) {
            this.since = value;
            return this;
        }

        /** The state to resume an interrupted run from; null for none. */
        public Builder resumeState(String value) {
            this.resumeState = value;
            return this;
        }

        /** The final state of the last finished run; null for none. */
        public Builder checkpoint(String value) {
            this.checkpoint = value;
            return this;
        }

        /** Where batches go; default discards them. */
        public Builder onBatch(Consumer<Batch> consumer) {
            this.batchConsumer = Objects.requireNonNull(consumer, "consumer");
            return this;
        }

        /** Where progress goes; default discards it. */
        public Builder onProgress(ProgressListener listener) {
            this.progressListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The logger handed to the connector; default a {@link System.Logger} named after the entity. */
        public Builder logger(System.Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /** The data source's shared rate limiter; default {@link RateLimiter#unlimited()}. */
        public Builder rateLimiter(RateLimiter value) {
            this.rateLimiter = Objects.requireNonNull(value, "rateLimiter");
            return this;
        }

        /** Tells whether the run was cancelled; default never. */
        public Builder cancelled(BooleanSupplier value) {
            this.cancelled = Objects.requireNonNull(value, "cancelled");
            return this;
        }

        /** Returns the options. */
        public FetchOptions build() {
            return new FetchOptions(this);
        }
    }
}
