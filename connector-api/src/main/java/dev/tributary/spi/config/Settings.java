package dev.tributary.spi.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the runtime syncs one data source (the seed's {@code settings}). Every value has a documented default,
 * see {@link #DEFAULTS}.
 *
 * @param batchSize records per batch and per page requested from the source; default 100
 * @param requestsPerSecond the data source's request budget, shared by all its entities; default 10
 * @param burst how many requests may be sent back to back when the budget has accumulated; default 1
 * @param maxRetries how many times in a row a failing request is retried before the entity fails; default 5
 * @param requestTimeout how long one request may take; default 30 seconds
 * @param lookBack how far before the last committed cursor value incremental syncs start again, to catch records
 *     the source made visible late; default zero
 * @param concurrency how many entities sync at once, under the one shared request budget; default 8 (2 before SPI
 *     1.1), so that the budget rather than one entity's request latency bounds a sync
 * @param schemaContract what a batch that would change an existing typed table does (setting
 *     {@code schema_contract}); default {@link SchemaContract#EVOLVE}; since 1.1
 * @param keepRawRecord whether typed entity rows keep the whole record as {@code _record} JSON (setting
 *     {@code keep_raw_record}); default true; since 1.1
 * @param maxNestingDepth how many levels of nested objects typed tables flatten into {@code parent__child} columns
 *     (setting {@code max_nesting_depth}, a top-level field is level 1; deeper objects stay JSON); 1 to 32, default
 *     3; since 1.1
 * @since 1.0
 */
public record Settings(
        int batchSize,
        double requestsPerSecond,
        int burst,
        int maxRetries,
        Duration requestTimeout,
        Duration lookBack,
        int concurrency,
        SchemaContract schemaContract,
        boolean keepRawRecord,
        int maxNestingDepth) {

    /** The most levels {@link #maxNestingDepth()} may be. */
    public static final int MAX_NESTING_DEPTH_LIMIT = 32;

    /**
     * The defaults: batch size 100, 10 requests/second, burst 1, 5 retries, 30 s timeout, no look-back, 8 at once,
     * schema contract evolve, raw records kept, nesting depth 3.
     */
    public static final Settings DEFAULTS =
            new Settings(100, 10.0, 1, 5, Duration.ofSeconds(30), Duration.ZERO, 8);

    public Settings {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("setting batchSize must be between 1 and 100000, was " + batchSize);
        }
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("setting requestsPerSecond must be a positive number, was "
                    + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("setting burst must be at least 1, was " + burst);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("setting maxRetries must not be negative, was " + maxRetries);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("setting requestTimeout must be positive, was " + requestTimeout);
        }
        Objects.requireNonNull(lookBack, "lookBack");
        if (lookBack.isNegative()) {
            throw new IllegalArgumentException("setting lookBack must not be negative, was " + lookBack);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("setting concurrency must be at least 1, was " + concurrency);
        }
        Objects.requireNonNull(schemaContract, "schemaContract");
        if (maxNestingDepth < 1 || maxNestingDepth > MAX_NESTING_DEPTH_LIMIT) {
            throw new IllegalArgumentException("setting max_nesting_depth must be between 1 and "
                    + MAX_NESTING_DEPTH_LIMIT + ", was " + maxNestingDepth);
        }
    }

    /**
     * Settings with the typed-table settings at their defaults: the constructor of SPI 1.0, kept so plugins built
     * against it still link.
     */
    public Settings(int batchSize, double requestsPerSecond, int burst, int maxRetries, Duration requestTimeout,
            Duration lookBack, int concurrency) {
        this(batchSize, requestsPerSecond, burst, maxRetries, requestTimeout, lookBack, concurrency,
                SchemaContract.EVOLVE, true, 3);
    }

    /** A copy with another batch size. */
    public Settings withBatchSize(int value) {
        return new Settings(value, requestsPerSecond, burst, maxRetries, requestTimeout, lookBack,
                concurrency, schemaContract, keepRawRecord, maxNestingDepth);
    }

    /** A copy with another request rate. */
    public Settings withRequestsPerSecond(double value) {
        return new Settings(batchSize, value, burst, maxRetries, requestTimeout, lookBack,
                concurrency, schemaContract, keepRawRecord, maxNestingDepth);
    }

    /** A copy with another burst. */
    public Settings withBurst(int value) {
        return new Settings(batchSize, requestsPerSecond, value, maxRetries, requestTimeout, lookBack,
                concurrency, schemaContract, keepRawRecord, maxNestingDepth);
    }

    /** A copy with another retry limit. */
    public Settings withMaxRetries(int value) {
        return new Settings(batchSize, requestsPerSecond, burst, value, requestTimeout, lookBack,
                concurrency, schemaContract, keepRawRecord, maxNestingDepth);
    }

    /** A copy with another request timeout. */
    public Settings withRequestTimeout(Duration value) {
        return new Settings(batchSize, requestsPerSecond, burst, maxRetries, value, lookBack,
                concurrency, schemaContract, keepRawRecord, maxNestingDepth);
    }

    /** A copy with another look-back window. */
    public Settings withLookBack(Duration value) {
        return new Settings(batchSize, requestsPerSecond, burst, maxRetries, requestTimeout, value,
                concurrency, schemaContract, keepRawRecord, maxNestingDepth);
    }

    /** A copy with another entity concurrency. */
    public Settings withConcurrency(int value) {
        return new Settings(batchSize, requestsPerSecond, burst, maxRetries, requestTimeout, lookBack,
                value, schemaContract, keepRawRecord, maxNestingDepth);
    }

    /**
     * A copy with another schema contract.
     *
     * @since 1.1
     */
    public Settings withSchemaContract(SchemaContract value) {
        return new Settings(batchSize, requestsPerSecond, burst, maxRetries, requestTimeout, lookBack,
                concurrency, value, keepRawRecord, maxNestingDepth);
    }

    /**
     * A copy with another choice of keeping raw records.
     *
     * @since 1.1
     */
    public Settings withKeepRawRecord(boolean value) {
        return new Settings(batchSize, requestsPerSecond, burst, maxRetries, requestTimeout, lookBack,
                concurrency, schemaContract, value, maxNestingDepth);
    }

    /**
     * A copy with another nesting depth.
     *
     * @since 1.1
     */
    public Settings withMaxNestingDepth(int value) {
        return new Settings(batchSize, requestsPerSecond, burst, maxRetries, requestTimeout, lookBack,
                concurrency, schemaContract, keepRawRecord, value);
    }
}
