package dev.tributary.runtime.sync;

import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.PermanentException;
import dev.tributary.spi.error.RateLimitedException;
import dev.tributary.spi.error.TransientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what syncs do as Micrometer meters on one registry: per data source, connector and entity the records,
 * deletions and batches committed, request permits and the time spent waiting for them, fetch errors by kind,
 * retries and entity durations; per destination the commit time of each transaction; per data source the sync
 * duration by outcome, failed syncs and the time of the last successful sync. Meter names are the constants below
 * (Micrometer's dotted form; Prometheus shows {@code tributary.records.written} as
 * {@code tributary_records_written_total}).
 *
 * <p>Labels are few and bounded: {@code source} (the data source name), {@code connector} (its id), {@code entity},
 * {@code destination} (the destination kind, e.g. {@code sqlite}), {@code outcome}, {@code kind} and
 * {@code operation}. No record id, message, URL or configuration value ever becomes a label.
 *
 * <p>The engine reports to it; nothing registers on Micrometer's global registry. Thread-safe.
 */
public final class SyncMetrics {

    /** Records committed (upserted), a counter. */
    public static final String RECORDS_WRITTEN = "tributary.records.written";
    /** Deletions committed, a counter. */
    public static final String RECORDS_DELETED = "tributary.records.deleted";
    /** Batches committed (one destination transaction each), a counter. */
    public static final String BATCHES = "tributary.batches.committed";
    /** Request permits the connector took from the rate limiter (one per request it sends), a counter. */
    public static final String REQUESTS = "tributary.requests";
    /** How long each request waited for its permit, a timer. */
    public static final String RATE_LIMITER_WAIT = "tributary.rate.limiter.wait";
    /** HTTP responses connectors reported, by {@code status} class ({@code 2xx}, {@code 4xx}, ...). */
    public static final String HTTP_RESPONSES = "tributary.http.responses";
    /** HTTP responses with status 429 Too Many Requests that connectors reported. */
    public static final String HTTP_RATE_LIMITED = "tributary.http.rate.limited";
    /** Bytes of response bodies connectors reported reading. */
    public static final String BYTES_FETCHED = "tributary.bytes.fetched";
    /** Errors a fetch threw, by {@code kind} (e.g. {@code rate_limited} for an HTTP 429), a counter. */
    public static final String FETCH_ERRORS = "tributary.fetch.errors";
    /** Fetches started again after a retryable error, by {@code kind}, a counter. */
    public static final String RETRIES = "tributary.retries";
    /** How long each entity took, by {@code outcome}, a timer. */
    public static final String ENTITY_DURATION = "tributary.entity.sync.duration";
    /** How long each destination transaction took, by {@code operation} ({@code batch} or {@code finish}), a timer. */
    public static final String DESTINATION_COMMIT = "tributary.destination.commit";
    /** How long each sync took, by {@code outcome}, a timer. */
    public static final String SYNC_DURATION = "tributary.sync.duration";
    /** Syncs that ended failed or partly failed, a counter. */
    public static final String SYNCS_FAILED = "tributary.syncs.failed";
    /** When the data source last synced successfully, in epoch seconds, a gauge. */
    public static final String LAST_SUCCESS = "tributary.last.success.timestamp";
    /** Counter: webhook deliveries of a known data source, by {@code status} (applied, duplicate, ignored, refused). */
    public static final String WEBHOOK_DELIVERIES = "tributary.webhook.deliveries";

    /** How a sync ended, the {@code outcome} label. */
    public enum Outcome {
        SUCCEEDED, FAILED, CANCELLED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Tags, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters are registered
     * @param clock the clock of the last-success time
     */
    public SyncMetrics(MeterRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Metrics that go nowhere: an empty registry of its own, for engines nobody observes. */
    public static SyncMetrics disabled() {
        return new SyncMetrics(new CompositeMeterRegistry(), Clock.systemUTC());
    }

    /** The meters of one entity of a sync. */
    EntityMeters entity(String source, String connector, String entity) {
        return new EntityMeters(Tags.of("source", source, "connector", connector, "entity", entity));
    }

    /**
     * Records a destination transaction: a batch with its state, or the entity's finish (for a full refresh, the
     * swap of the staging table).
     *
     * @param destination the destination kind, e.g. {@code sqlite}
     * @param operation {@code batch}, {@code finish} or {@code event} (a webhook event)
     */
    public void committed(String source, String entity, String destination, String operation, Duration took) {
        Timer.builder(DESTINATION_COMMIT).description("Time of one destination transaction")
                .tags("source", source, "entity", entity, "destination", destination, "operation", operation)
                .register(registry).record(took);
    }

    /**
     * Counts one webhook delivery of a data source that exists (deliveries to unknown names are not counted, so
     * that callers cannot grow the label set).
     *
     * @param status {@code applied}, {@code duplicate}, {@code ignored} or {@code refused}
     */
    public void webhookReceived(String source, String status) {
        Counter.builder(WEBHOOK_DELIVERIES).description("Webhook deliveries by outcome")
                .tags("source", source, "status", status).register(registry).increment();
    }

    /** Records a sync that ended, with the engine's result. */
    public void syncEnded(String source, String connector, SyncResult result) {
        Outcome outcome = result.cancelled() ? Outcome.CANCELLED
                : result.succeeded() ? Outcome.SUCCEEDED : Outcome.FAILED;
        syncEnded(source, connector, outcome, result.duration());
    }

    /** Records a sync that ended, also one that failed before any entity ran. */
    public void syncEnded(String source, String connector, Outcome outcome, Duration took) {
        Tags tags = Tags.of("source", source, "connector", connector);
        Timer.builder(SYNC_DURATION).description("Time of one sync of a data source").tags(tags)
                .tag("outcome", outcome.label()).register(registry).record(took);
        Counter failed = Counter.builder(SYNCS_FAILED).description("Syncs that failed or partly failed").tags(tags)
                .register(registry);
        if (outcome == Outcome.FAILED) {
            failed.increment();
        } else if (outcome == Outcome.SUCCEEDED) {
            lastSuccess.computeIfAbsent(tags, key -> {
                AtomicLong holder = new AtomicLong();
                Gauge.builder(LAST_SUCCESS, holder, AtomicLong::get).baseUnit("seconds")
                        .description("When the data source last synced successfully (epoch seconds)")
                        .tags(key).strongReference(true).register(registry);
                return holder;
            }).set(clock.instant().getEpochSecond());
        }
    }

    /** The {@code kind} label of a fetch error. */
    static String kind(Throwable failure) {
        if (failure instanceof RateLimitedException) {
            return "rate_limited";
        }
        if (failure instanceof TransientException || failure instanceof UncheckedIOException) {
            return "transient";
        }
        if (failure instanceof AuthenticationException) {
            return "authentication";
        }
        if (failure instanceof InvalidConfigException) {
            return "invalid_config";
        }
        if (failure instanceof PermanentException) {
            return "permanent";
        }
        return "unexpected";
    }

    private static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }

    /** The meters of one entity of a sync, looked up once. Thread-safe. */
    final class EntityMeters {
        private final Tags tags;
        private final Counter records;
        private final Counter deletions;
        private final Counter batches;
        private final Counter requests;
        private final Timer rateLimiterWait;

        private EntityMeters(Tags tags) {
            this.tags = tags;
            this.records = Counter.builder(RECORDS_WRITTEN).description("Records committed").tags(tags)
                    .register(registry);
            this.deletions = Counter.builder(RECORDS_DELETED).description("Deletions committed").tags(tags)
                    .register(registry);
            this.batches = Counter.builder(BATCHES).description("Batches committed").tags(tags).register(registry);
            this.requests = Counter.builder(REQUESTS).description("Request permits taken from the rate limiter")
                    .tags(tags).register(registry);
            this.rateLimiterWait = Timer.builder(RATE_LIMITER_WAIT)
                    .description("Time a request waited for its rate-limiter permit").tags(tags).register(registry);
        }

        void committed(long newRecords, long newDeletions) {
            records.increment(newRecords);
            deletions.increment(newDeletions);
            batches.increment();
        }

        void permitted(Duration waited) {
            requests.increment();
            rateLimiterWait.record(waited);
        }

        void responded(int status, long bodyBytes) {
            Counter.builder(HTTP_RESPONSES).description("HTTP responses connectors reported, by status class")
                    .tags(tags).tag("status", statusClass(status)).register(registry).increment();
            if (status == 429) {
                Counter.builder(HTTP_RATE_LIMITED).description("HTTP 429 responses connectors reported").tags(tags)
                        .register(registry).increment();
            }
            if (bodyBytes > 0) {
                Counter.builder(BYTES_FETCHED).baseUnit("bytes").description("Bytes of response bodies read")
                        .tags(tags).register(registry).increment(bodyBytes);
            }
        }

        void fetchFailed(Throwable failure) {
            counter(FETCH_ERRORS, "Errors a fetch threw, by kind", kind(failure)).increment();
        }

        void retried(Throwable failure) {
            counter(RETRIES, "Fetches started again after a retryable error", kind(failure)).increment();
        }

        void ended(EntityResult result) {
            String outcome = switch (result.status()) {
                case DONE -> Outcome.SUCCEEDED.label();
                case CANCELLED -> Outcome.CANCELLED.label();
                default -> Outcome.FAILED.label();
            };
            Timer.builder(ENTITY_DURATION).description("Time of one entity's sync").tags(tags)
                    .tag("outcome", outcome).register(registry).record(result.duration());
        }

        private Counter counter(String name, String description, String kind) {
            return Counter.builder(name).description(description).tags(tags).tag("kind", kind).register(registry);
        }
    }
}
