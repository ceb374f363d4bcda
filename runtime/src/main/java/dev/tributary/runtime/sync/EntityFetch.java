package dev.tributary.runtime.sync;

import dev.tributary.runtime.typing.FlatBatch;
import dev.tributary.runtime.typing.RecordFlattener;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on an entity's fetching thread: calls {@link BaseConnector#fetchEntity(FetchOptions)} and hands every batch
 * to the {@link BatchQueue} (flattened for typed tables first, so that this part of typing overlaps with the
 * writing of the batch before); on a retryable failure waits per the {@link RetryPolicy} (pausing the data source's
 * rate limiter when the source said it is over its limit) and calls it again from the last state it received. Ends
 * by putting the end or the failure of the fetch on the queue.
 */
final class EntityFetch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.sync");

    private final BaseConnector connector;
    private final String entity;
    private final int batchSize;
    private final SyncPlan plan;
    private final BatchQueue queue;
    private final Services services;
    private final SyncProgress progress;
    private final SyncMetrics.EntityMeters meters;
    private final Optional<RecordFlattener> flattener;

    /** What every fetch of a sync shares. */
    record Services(RateLimiter rateLimiter, RetryPolicy retryPolicy, Sleeper sleeper, DoubleSupplier random,
            CancelHandle cancel, Clock clock) {
    }

    EntityFetch(BaseConnector connector, String entity, int batchSize, SyncPlan plan, BatchQueue queue,
            Services services, SyncProgress progress, SyncMetrics.EntityMeters meters,
            Optional<RecordFlattener> flattener) {
        this.connector = connector;
        this.entity = entity;
        this.batchSize = batchSize;
        this.plan = plan;
        this.queue = queue;
        this.services = services;
        this.progress = progress;
        this.meters = meters;
        this.flattener = flattener;
    }

    @Override
    public void run() {
        Optional<String> position = plan.resumeState();
        int failures = 0;
        while (true) {
            Attempt attempt = new Attempt();
            try {
                fetchOnce(position, attempt);
                queue.finish();
                return;
            } catch (CancellationException e) {
                queue.fail(e);
                return;
            } catch (RuntimeException | LinkageError e) {
                if (services.cancel().isCancelled() || Thread.currentThread().isInterrupted()) {
                    queue.fail(new CancellationException("sync of entity '" + entity + "' was cancelled"));
                    return;
                }
                meters.fetchFailed(e);
                if (attempt.lastState != null) {
                    position = Optional.of(attempt.lastState);
                    failures = 0;
                }
                if (!RetryPolicy.isRetryable(e)) {
                    queue.fail(e);
                    return;
                }
                failures++;
                if (failures > services.retryPolicy().maxRetries()) {
                    queue.fail(new RetriesExhaustedException(entity, failures, e));
                    return;
                }
                if (!waitBeforeRetry(failures, e)) {
                    queue.fail(new CancellationException("sync of entity '" + entity + "' was cancelled"));
                    return;
                }
                meters.retried(e);
            }
        }
    }

    private void fetchOnce(Optional<String> position, Attempt attempt) {
        FetchOptions options = FetchOptions.builder(entity)
                .batchSize(batchSize)
                .since(plan.since().orElse(null))
                .resumeState(position.orElse(null))
                .checkpoint(plan.checkpoint().orElse(null))
                .onBatch(batch -> {
                    queue.put(batch, flattener.map(f -> FlatBatch.of(f, batch.records())));
                    attempt.lastState = batch.resumeState();
                })
                .onProgress((current, total) -> progress.total(total))
                .rateLimiter(new ReportingRateLimiter(services.rateLimiter(), progress, meters, services.clock()))
                .cancelled(services.cancel()::isCancelled)
                .build();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(connector.getClass().getClassLoader());
        try {
            connector.fetchEntity(options);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Waits before the next attempt; false when cancelled meanwhile. */
    private boolean waitBeforeRetry(int failures, Throwable failure) {
        Duration wait = services.retryPolicy().backoff()
                .delay(failures, RetryPolicy.retryAfter(failure), services.random());
        boolean limited = failure instanceof RateLimitedException;
        String why = (limited ? "rate limited" : "transient failure") + " (" + failure.getMessage() + "); retry "
                + failures + " of " + services.retryPolicy().maxRetries() + " in " + wait.toMillis() + " ms";
        if (limited) {
            services.rateLimiter().pause(wait, "entity '" + entity + "': " + failure.getMessage());
        }
        LOG.warn("entity '{}': {}", entity, why);
        progress.waiting(limited ? EntityStatus.RATE_LIMITED : EntityStatus.RETRYING, why);
        try {
            services.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (services.cancel().isCancelled()) {
            return false;
        }
        progress.running();
        return true;
    }

    /** What one call of {@code fetchEntity} handed over. */
    private static final class Attempt {
        private String lastState;
    }
}
