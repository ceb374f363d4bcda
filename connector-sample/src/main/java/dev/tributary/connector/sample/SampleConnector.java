package dev.tributary.connector.sample;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.error.PermanentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A data source that needs nothing: it makes up {@code customers} and {@code orders}, the same ones on every run,
 * so that {@code tributary sync --connector sample --config records=1000} works on a fresh install with no account
 * and no network.
 *
 * <p>It is also the example connector of the guide, written the way a connector for a real HTTP API is written:
 * one "request" per page through the rate limiter, a batch per page with the position after it as resume state,
 * {@code since} answered by the source's own filter on {@code created}, and cancellation checked between pages.
 *
 * <p>The resume state is the position of the next record as decimal text ({@code "250"} after the first 250).
 *
 * <p>Thread-safe after {@link #initialize}: {@code fetchEntity} keeps its position in local variables, so the
 * runtime may fetch both entities at once.
 */
public final class SampleConnector extends BaseConnector {

    /** The connector id. */
    public static final String ID = "sample";

    static final String RECORDS = "records";
    static final String SEED = "seed";
    static final long DEFAULT_RECORDS = 1000;
    static final long MAX_RECORDS = 1_000_000_000L;

    private static final ConnectorMetadata METADATA = ConnectorMetadata.builder(ID)
            .name("Sample data")
            .version("1.0.0")
            .description("Generates deterministic fake customers and orders offline; try Tributary with no account.")
            .supportedEntities(SampleEntity.CUSTOMERS.descriptor(), SampleEntity.ORDERS.descriptor())
            .configFields(
                    ConfigField.builder(RECORDS, ConfigFieldType.INTEGER)
                            .label("Records per entity")
                            .defaultValue(Long.toString(DEFAULT_RECORDS))
                            .help("How many customers, and how many orders, the source holds (0 to 1000000000).")
                            .build(),
                    ConfigField.builder(SEED, ConfigFieldType.INTEGER)
                            .label("Seed")
                            .help("Changes the made-up values; the same seed always gives the same data. Default 0.")
                            .build())
            .icon("icon.svg")
            .build();

    private volatile long records;
    private volatile long seed;

    /** Creates the connector; does nothing else (the runtime calls {@link #initialize} before using it). */
    public SampleConnector() {
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return METADATA;
    }

    @Override
    protected void onInitialize() {
        long count = config().getLong(RECORDS).orElse(DEFAULT_RECORDS);
        if (count < 0 || count > MAX_RECORDS) {
            throw new InvalidConfigException(RECORDS, "must be between 0 and " + MAX_RECORDS);
        }
        records = count;
        seed = config().getLong(SEED).orElse(0L);
    }

    @Override
    public ConnectionTestResult testConnection() {
        // A real connector sends one cheap, authenticated request here, through the data source's rate limiter.
        context().rateLimiter().acquire();
        return ConnectionTestResult.success("sample source ready: " + records + " customers and " + records
                + " orders (seed " + seed + ")");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        SampleEntity entity = SampleEntity.named(options.entity()).orElseThrow(() -> new PermanentException(
                "the sample source has no entity '" + options.entity() + "'; it has customers and orders"));
        long start = options.resumeState().map(SampleConnector::parsePosition)
                .or(() -> options.since().map(entity::firstIndexAtOrAfter))
                .orElse(0L);
        long end = records;
        long next = Math.min(start, end);
        while (next < end) {
            options.throwIfCancelled();
            options.rateLimiter().acquire();
            int pageSize = (int) Math.min(options.batchSize(), end - next);
            List<Map<String, Object>> page = new ArrayList<>(pageSize);
            for (int i = 0; i < pageSize; i++) {
                page.add(entity.record(next + i, seed, records));
            }
            next += pageSize;
            options.onBatch(page, Long.toString(next));
            options.onProgress(next - start, end - start);
        }
    }

    private static long parsePosition(String state) {
        try {
            long position = Long.parseLong(state);
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new PermanentException("resume state '" + state + "' is not a position written by the sample "
                    + "connector; run a full sync", e);
        }
    }
}
