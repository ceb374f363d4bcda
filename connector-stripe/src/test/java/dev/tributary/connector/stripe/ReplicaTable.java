package dev.tributary.connector.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.tributary.spi.Batch;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.ProgressListener;
import dev.tributary.spi.error.ConnectorException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One entity's table as the runtime keeps it: applies batches (upsert by {@code id}, remove deleted keys), remembers
 * the last state it received and, after a finished run, the checkpoint; derives {@code since} from the highest
 * committed {@code created}, as the runtime does. {@link #sync} drives a run like the runtime: retryable failures
 * are retried from the last received state. Not thread-safe.
 */
final class ReplicaTable implements Consumer<Batch> {

    private final String entity;
    private final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    private final List<Batch> batches = new ArrayList<>();
    private final List<Long> progress = new ArrayList<>();
    private Optional<String> checkpoint = Optional.empty();
    private String lastState;
    private int failuresSeen;

    ReplicaTable(String entity) {
        this.entity = entity;
    }

    @Override
    public void accept(Batch batch) {
        batches.add(batch);
        batch.records().forEach(record -> rows.put((String) record.get("id"), record));
        batch.deletedKeys().forEach(key -> rows.remove((String) key.get("id")));
        lastState = batch.resumeState();
    }

    /** Runs the entity to the end, retrying retryable failures from the last state up to {@code maxRetries}. */
    ReplicaTable sync(StripeConnector connector, int batchSize, int maxRetries, RateLimiter limiter,
            System.Logger logger) {
        Optional<Instant> since = since();
        Optional<String> resume = Optional.empty();
        int failures = 0;
        while (true) {
            lastState = null;
            FetchOptions options = options(batchSize, since, resume, limiter, logger);
            try {
                connector.fetchEntity(options);
                checkpoint = Optional.ofNullable(lastState);
                return this;
            } catch (ConnectorException e) {
                failuresSeen++;
                if (!e.isRetryable() || ++failures > maxRetries) {
                    throw e;
                }
                if (lastState != null) {
                    resume = Optional.of(lastState);
                }
            }
        }
    }

    /** A run without retries and without a logger of its own. */
    ReplicaTable sync(StripeConnector connector, int batchSize) {
        return sync(connector, batchSize, 0, RateLimiter.unlimited(), System.getLogger("test"));
    }

    /** One call of {@code fetchEntity} from the given resume state, with this table's checkpoint. */
    ReplicaTable resume(StripeConnector connector, int batchSize, Optional<Instant> since, String resumeState) {
        connector.fetchEntity(options(batchSize, since, Optional.of(resumeState), RateLimiter.unlimited(),
                System.getLogger("test")));
        return this;
    }

    /** Options for one call, feeding this table. */
    FetchOptions options(int batchSize, Optional<Instant> since, Optional<String> resume, RateLimiter limiter,
            System.Logger logger) {
        ProgressListener listener = (current, total) -> progress.add(current);
        return FetchOptions.builder(entity).batchSize(batchSize).since(since.orElse(null))
                .resumeState(resume.orElse(null)).checkpoint(checkpoint.orElse(null)).onBatch(this)
                .onProgress(listener).rateLimiter(limiter).logger(logger).build();
    }

    /** The highest committed {@code created}, as the runtime passes it as {@code since}. */
    Optional<Instant> since() {
        return rows.values().stream().map(row -> ((Number) row.get("created")).longValue())
                .max(Long::compare).map(Instant::ofEpochSecond);
    }

    Map<String, Map<String, Object>> rows() {
        return rows;
    }

    /** The rows as JSON trees (numbers compared by value), for comparison with {@link FakeStripe#state}. */
    Map<String, JsonElement> rowsAsJson() {
        Map<String, JsonElement> json = new LinkedHashMap<>();
        rows.forEach((id, row) -> json.put(id, JsonParser.parseString(FakeStripe.toJson(row))));
        return json;
    }

    List<Batch> batches() {
        return batches;
    }

    List<Long> progress() {
        return progress;
    }

    Optional<String> checkpoint() {
        return checkpoint;
    }

    int failuresSeen() {
        return failuresSeen;
    }

    /** A copy holding the same rows and checkpoint, for replaying a run from some point. */
    ReplicaTable copy() {
        ReplicaTable copy = new ReplicaTable(entity);
        copy.rows.putAll(rows);
        copy.checkpoint = checkpoint;
        return copy;
    }
}
