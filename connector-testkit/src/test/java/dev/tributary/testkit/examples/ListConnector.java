package dev.tributary.testkit.examples;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.AuthenticationException;
import dev.tributary.testkit.RecordBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/**
 * An in-memory connector over ten {@code items}, correct by default, with one deliberate fault per subclass, so
 * that the contract's self-test can show each check failing for the right reason.
 */
public class ListConnector extends BaseConnector {

    /** The key {@link #testConnection()} accepts. */
    public static final String GOOD_KEY = "good-key-1234";

    /** A deliberate mistake. */
    enum Fault {
        NONE, NON_SEMANTIC_VERSION, UNMARKED_SECRET, MALFORMED_ICON, OVERSIZED_BATCHES, GAP_ON_RESUME,
        DUPLICATE_ON_RESUME, MISSING_PRIMARY_KEY, BLANK_STATE, IGNORES_SINCE, IGNORES_CANCELLATION,
        CLEARS_INTERRUPT, LEAKS_THREAD, THROWS_ON_BAD_CREDENTIALS, BYPASSES_RATE_LIMITER, RANDOM_VALUES
    }

    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final int ITEMS = 10;

    private final Fault fault;

    /** A correct connector. */
    public ListConnector() {
        this(Fault.NONE);
    }

    ListConnector(Fault fault) {
        this.fault = fault;
    }

    @Override
    public ConnectorMetadata getMetadata() {
        ConfigField.Builder key = ConfigField.builder("api_key", ConfigFieldType.STRING).required();
        return ConnectorMetadata.builder("list")
                .name("List")
                .version(fault == Fault.NON_SEMANTIC_VERSION ? "1.0" : "1.0.0")
                .description("Ten items kept in memory.")
                .supportedEntities(EntityDescriptor.of("items").withCursorField("updated"))
                .configFields(fault == Fault.UNMARKED_SECRET ? key.build() : key.secret().build())
                .icon(fault == Fault.MALFORMED_ICON ? "broken.svg" : "icon.svg")
                .build();
    }

    @Override
    protected void onInitialize() {
        if (fault == Fault.LEAKS_THREAD) {
            CountDownLatch never = new CountDownLatch(1);
            Thread poller = new Thread(() -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "list-connector-poller");
            poller.setDaemon(true);
            poller.start();
        }
    }

    @Override
    public ConnectionTestResult testConnection() {
        if (config().requireString("api_key").equals(GOOD_KEY)) {
            return ConnectionTestResult.success("reached the list");
        }
        if (fault == Fault.THROWS_ON_BAD_CREDENTIALS) {
            throw new AuthenticationException("api_key was rejected");
        }
        return ConnectionTestResult.failure("authentication failed: check api_key");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        List<Map<String, Object>> items = items(options);
        int next = options.resumeState().map(Integer::parseInt).map(this::resumePoint).orElse(0);
        int pageSize = fault == Fault.OVERSIZED_BATCHES ? options.batchSize() + 1 : options.batchSize();
        while (next < items.size()) {
            if (fault == Fault.CLEARS_INTERRUPT && Thread.interrupted()) {
                throw new CancellationException("stopped");
            }
            if (fault != Fault.IGNORES_CANCELLATION) {
                options.throwIfCancelled();
            }
            if (fault != Fault.BYPASSES_RATE_LIMITER) {
                options.rateLimiter().acquire();
            }
            List<Map<String, Object>> page = items.subList(next, Math.min(items.size(), next + pageSize));
            next += page.size();
            options.onBatch(new ArrayList<>(page), fault == Fault.BLANK_STATE ? " " : Integer.toString(next));
        }
    }

    private int resumePoint(int state) {
        return switch (fault) {
            case GAP_ON_RESUME -> state + 1;
            case DUPLICATE_ON_RESUME -> Math.max(0, state - 1);
            default -> state;
        };
    }

    private List<Map<String, Object>> items(FetchOptions options) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            Instant updated = START.plus(Duration.ofDays(i));
            if (fault != Fault.IGNORES_SINCE && options.since().isPresent()
                    && updated.isBefore(options.since().get())) {
                continue;
            }
            items.add(RecordBuilder.record()
                    .put("id", fault == Fault.MISSING_PRIMARY_KEY && i == 5 ? null : "item_" + i)
                    .put("name", "Item " + i)
                    .put("note", i % 3 == 0 ? null : "note " + i)
                    .put("updated", updated.toString())
                    .put("etag", fault == Fault.RANDOM_VALUES ? UUID.randomUUID().toString() : "v" + i)
                    .build());
        }
        return items;
    }

    /** Reports version {@code 1.0}, which is not a semantic version. */
    public static final class NonSemanticVersion extends ListConnector {
        public NonSemanticVersion() {
            super(Fault.NON_SEMANTIC_VERSION);
        }
    }

    /** Declares {@code api_key} without marking it secret. */
    public static final class UnmarkedSecret extends ListConnector {
        public UnmarkedSecret() {
            super(Fault.UNMARKED_SECRET);
        }
    }

    /** Names an icon that is not well-formed XML. */
    public static final class MalformedIcon extends ListConnector {
        public MalformedIcon() {
            super(Fault.MALFORMED_ICON);
        }
    }

    /** Hands over one record more than the batch size. */
    public static final class OversizedBatches extends ListConnector {
        public OversizedBatches() {
            super(Fault.OVERSIZED_BATCHES);
        }
    }

    /** Skips a record when resuming. */
    public static final class GapOnResume extends ListConnector {
        public GapOnResume() {
            super(Fault.GAP_ON_RESUME);
        }
    }

    /** Repeats a record when resuming. */
    public static final class DuplicateOnResume extends ListConnector {
        public DuplicateOnResume() {
            super(Fault.DUPLICATE_ON_RESUME);
        }
    }

    /** Hands over a record without its {@code id}. */
    public static final class MissingPrimaryKey extends ListConnector {
        public MissingPrimaryKey() {
            super(Fault.MISSING_PRIMARY_KEY);
        }
    }

    /** Hands over blank resume states. */
    public static final class BlankState extends ListConnector {
        public BlankState() {
            super(Fault.BLANK_STATE);
        }
    }

    /** Returns every record whatever {@code since} says. */
    public static final class IgnoresSince extends ListConnector {
        public IgnoresSince() {
            super(Fault.IGNORES_SINCE);
        }
    }

    /** Makes its next request without checking for cancellation. */
    public static final class IgnoresCancellation extends ListConnector {
        public IgnoresCancellation() {
            super(Fault.IGNORES_CANCELLATION);
        }
    }

    /** Notices an interrupt with {@code Thread.interrupted()}, which clears the flag. */
    public static final class ClearsInterrupt extends ListConnector {
        public ClearsInterrupt() {
            super(Fault.CLEARS_INTERRUPT);
        }
    }

    /** Starts a thread that {@code close()} leaves running. */
    public static final class LeaksThread extends ListConnector {
        public LeaksThread() {
            super(Fault.LEAKS_THREAD);
        }
    }

    /** Throws on bad credentials instead of reporting a failed result. */
    public static final class ThrowsOnBadCredentials extends ListConnector {
        public ThrowsOnBadCredentials() {
            super(Fault.THROWS_ON_BAD_CREDENTIALS);
        }
    }

    /** Never calls the rate limiter. */
    public static final class BypassesRateLimiter extends ListConnector {
        public BypassesRateLimiter() {
            super(Fault.BYPASSES_RATE_LIMITER);
        }
    }

    /** Makes up a new {@code etag} for every record on every run. */
    public static final class RandomValues extends ListConnector {
        public RandomValues() {
            super(Fault.RANDOM_VALUES);
        }
    }
}
