package dev.tributary.runtime.cli;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector paced by the rate limiter: one record per request, so a sync of it takes {@code count / rate} seconds;
 * with {@code stall_at} it hangs before that record, deaf to cancellation and interrupts, as a stuck API call would.
 * Registered only in the child JVMs of {@link SyncInterruptTest}, through a services file the test writes.
 */
public final class SlowConnector extends BaseConnector {

    /** Public no-arg constructor for the service loader. */
    public SlowConnector() {
    }

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("slow").name("Slow").version("1.0").description("one record per request")
                .supportedEntities(EntityDescriptor.of("ticks"))
                .configFields(ConfigField.builder("count", ConfigFieldType.INTEGER).label("Count").defaultValue("200")
                        .build(), ConfigField.builder("stall_at", ConfigFieldType.INTEGER).label("Stall at").build())
                .build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("ok");
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        long count = config().getLong("count").orElse(200L);
        long next = options.resumeState().map(Long::parseLong).orElse(0L) + 1;
        long stallAt = config().getLong("stall_at").orElse(Long.MAX_VALUE);
        for (long id = next; id <= count; id++) {
            if (id == stallAt) {
                stall();
            }
            options.rateLimiter().acquire();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", id);
            options.onBatch(List.of(record), String.valueOf(id));
        }
    }

    private static void stall() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // Deaf to interrupts on purpose.
            }
        }
    }
}
