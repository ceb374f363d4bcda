package dev.tributary.connect;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which time a source record carries as its Kafka timestamp ({@value #PROPERTY}). Kafka's time-based retention
 * ({@code retention.ms}, 7 days by default) deletes records by this timestamp: records stamped with the source's
 * cursor times (a customer created two years ago) are deleted within minutes of being written into a topic that
 * keeps the default retention, so a sink that had not read them yet silently skips them.
 */
enum RecordTimestamp {
    /** When the batch was synced (the {@code tributary.synced_at} header): safe with any retention. */
    SYNCED,
    /** The record's cursor field (e.g. Stripe's {@code created}); needs topics with {@code retention.ms=-1}. */
    CURSOR;

    static final String PROPERTY = "tributary.record.timestamp";

    /** Adds the property to a connector's definition. */
    static ConfigDef define(ConfigDef definition) {
        return definition.define(PROPERTY, Type.STRING, "synced",
                ConfigDef.CaseInsensitiveValidString.in("synced", "cursor"), Importance.MEDIUM,
                "The Kafka timestamp of each record: 'synced' (default), when the batch was synced; or 'cursor', the "
                        + "record's cursor field. Kafka deletes records by this timestamp after the topic's "
                        + "retention.ms (7 days by default), so with 'cursor' give the topics retention.ms=-1 (e.g. "
                        + "topic.creation.default.retention.ms=-1), or records older than the retention are deleted "
                        + "minutes after they were written.");
    }

    /**
     * The choice in a connector's properties, {@link #SYNCED} when absent.
     *
     * @throws ConfigException naming the property when the value is neither {@code synced} nor {@code cursor}
     */
    static RecordTimestamp of(Map<String, String> properties) {
        String value = properties.getOrDefault(PROPERTY, "synced").strip();
        return Arrays.stream(values()).filter(choice -> choice.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new ConfigException(PROPERTY, value, "must be 'synced' or 'cursor'"));
    }

    /** The timestamp of a record synced at {@code syncedAt} whose cursor time is {@code cursor}, if any. */
    Long of(Instant syncedAt, Optional<Instant> cursor) {
        if (this == CURSOR) {
            return cursor.map(Instant::toEpochMilli).orElse(null);
        }
        return syncedAt.toEpochMilli();
    }
}
