package dev.tributary.runtime.sync;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs entities of an initialised connector into a destination. Entities run concurrently up to
 * {@code settings.concurrency()}, each with a fetching thread and a writing thread joined by a bounded queue; every
 * batch commits with its resume state, so a sync stopped at any point (crash, cancellation, failure) resumes exactly
 * where it stopped.
 *
 * <pre>{@code
 * SyncEngine engine = new SyncEngine();
 * TokenBucket limiter = engine.rateLimiter(settings);
 * connector.initialize(new SyncConnectorContext(config, settings, "stripe", limiter));
 * try (Destination destination = JdbcDestination.open(...)) {
 *     SyncResult result = engine.sync(connector, destination, request, limiter, listener, new CancelHandle());
 * }
 * }</pre>
 *
 * <p>Thread-safe: one engine may run several syncs at once. Time and waits come from the injected clock and sleeper.
 */
public final class SyncEngine {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.sync");

    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final DoubleSupplier random;
    private final SyncMetrics metrics;

    /** An engine on the system clock, sleeping for real, with {@link Backoff#DEFAULT}, recording no metrics. */
    public SyncEngine() {
        this(SyncMetrics.disabled());
    }

    /** An engine on the system clock, sleeping for real, with {@link Backoff#DEFAULT}, recording into metrics. */
    public SyncEngine(SyncMetrics metrics) {
        this(Clock.systemUTC(), Sleeper.SYSTEM, Backoff.DEFAULT, () -> ThreadLocalRandom.current().nextDouble(),
                metrics);
    }

    /**
     * An engine recording no metrics.
     *
     * @param random uniform values in {@code [0, 1)} for backoff jitter
     */
    public SyncEngine(Clock clock, Sleeper sleeper, Backoff backoff, DoubleSupplier random) {
        this(clock, sleeper, backoff, random, SyncMetrics.disabled());
    }

    /**
     * @param random uniform values in {@code [0, 1)} for backoff jitter
     * @param metrics where each entity's records, batches, requests, waits, errors and duration are recorded
     */
    public SyncEngine(Clock clock, Sleeper sleeper, Backoff backoff, DoubleSupplier random, SyncMetrics metrics) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Where this engine records its meters; callers record the end of each sync there. */
    public SyncMetrics metrics() {
        return metrics;
    }

    /** A token bucket for a data source's settings on this engine's clock, logging every pause and rate change. */
    public TokenBucket rateLimiter(Settings settings) {
        return TokenBucket.of(settings, clock, sleeper, (duration, reason) -> {
            if (duration.isZero()) {
                LOG.info("rate limit: {}", reason);
            } else {
                LOG.warn("rate limit: holding back requests for {} ms ({})", duration.toMillis(), reason);
            }
        });
    }

    /**
     * Starts a data source's limiter on the budget of this sync: the user's rate when they set one, else the one the
     * initialised connector declares, else the runtime default (see {@link SourceBudget#choose}).
     *
     * @param connector an initialised connector
     * @param rateSetByUser whether the user gave {@code requestsPerSecond} explicitly
     * @return the budget chosen
     */
    public SourceBudget startBudget(TokenBucket limiter, BaseConnector connector, Settings settings,
            boolean rateSetByUser) {
        SourceBudget budget;
        try {
            budget = SourceBudget.choose(settings, rateSetByUser,
                    Objects.requireNonNullElse(connector.defaultRequestBudget(), Optional.empty()));
        } catch (RuntimeException | LinkageError e) {
            // An optional method's bug costs the connector its declared budget, not the sync.
            LOG.warn("connector '{}' failed to declare its request budget ({}: {}); using the runtime default",
                    connector.getMetadata().id(), e.getClass().getSimpleName(), e.getMessage());
            budget = SourceBudget.choose(settings, rateSetByUser, Optional.empty()).failedDeclaration();
        }
        limiter.use(budget);
        LOG.info("request budget: {}", budget.describe());
        return budget;
    }

    /**
     * Syncs the requested entities and waits for all of them.
     *
     * @param connector an initialised connector whose context uses {@code rateLimiter}
     * @param rateLimiter the data source's rate limiter, paused when the source reports a rate limit
     * @param listener told of progress and of each entity's end
     * @param cancel stops the sync when cancelled; the result then holds cancelled entities
     * @return one result per entity; failures are reported there, not thrown
     * @throws IllegalArgumentException when a requested entity is not available, naming the available ones
     */
    public SyncResult sync(BaseConnector connector, Destination destination, SyncRequest request,
            RateLimiter rateLimiter, SyncListener listener, CancelHandle cancel) {
        List<EntityDescriptor> entities = select(connector.getAvailableEntities(), request.entities());
        Instant started = clock.instant();
        if (rateLimiter instanceof TokenBucket bucket && !bucket.basis().isEmpty()) {
            try {
                listener.onBudget(bucket.basis());
            } catch (RuntimeException e) {
                LOG.warn("sync listener failed", e);
            }
        }
        EntityFetch.Services services = new EntityFetch.Services(rateLimiter,
                new RetryPolicy(request.settings().maxRetries(), backoff), sleeper, random, cancel, clock);
        ExecutorService writers = Executors.newFixedThreadPool(
                Math.min(request.settings().concurrency(), Math.max(1, entities.size())), threads("write"));
        ExecutorService fetchers = Executors.newCachedThreadPool(threads("fetch"));
        try {
            EntitySync.Environment environment = new EntitySync.Environment(services, fetchers, clock);
            String connectorId = connector.getMetadata().id();
            List<Future<EntityResult>> futures = new ArrayList<>();
            for (EntityDescriptor entity : entities) {
                SyncProgress progress = new SyncProgress(entity.name(), clock, listener);
                progress.pending();
                futures.add(writers.submit(SyncLogContext.carrying(SyncLogContext.ENTITY, entity.name(),
                        new EntitySync(connector, entity, destination, request, environment, progress,
                                metrics.entity(request.dataSourceName(), connectorId, entity.name())))));
            }
            List<EntityResult> results = new ArrayList<>();
            for (Future<EntityResult> future : futures) {
                results.add(await(future));
            }
            Optional<BudgetUse> budget = rateLimiter instanceof TokenBucket bucket
                    ? Optional.of(new BudgetUse(bucket.requestsPerSecond(), bucket.origin(), bucket.basis(),
                            bucket.limiting()))
                    : Optional.empty();
            return new SyncResult(results, Duration.between(started, clock.instant()), budget);
        } finally {
            writers.shutdownNow();
            fetchers.shutdownNow();
        }
    }

    private static EntityResult await(Future<EntityResult> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // The entity stops through the cancel handle and still reports its result.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("entity sync failed unexpectedly", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<EntityDescriptor> select(List<EntityDescriptor> available, List<String> requested) {
        if (requested.isEmpty()) {
            return available;
        }
        Map<String, EntityDescriptor> byName = new LinkedHashMap<>();
        available.forEach(entity -> byName.put(entity.name(), entity));
        List<EntityDescriptor> selected = new ArrayList<>();
        for (String name : requested) {
            EntityDescriptor entity = byName.get(name);
            if (entity == null) {
                throw new IllegalArgumentException("unknown entity '" + name + "'; available: "
                        + String.join(", ", byName.keySet()));
            }
            if (!selected.contains(entity)) {
                selected.add(entity);
            }
        }
        return selected;
    }

    private static ThreadFactory threads(String role) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tributary-sync-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
