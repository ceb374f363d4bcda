package dev.tributary.runtime.sync;

import dev.tributary.spi.config.Settings;
import java.util.List;
import java.util.Objects;

/**
 * What to sync: which entities of a data source, into which tables, how.
 *
 * @param dataSourceName the data source's name (the connector id for an ad-hoc sync), written into
 *     {@code _data_source}
 * @param tablePrefix the prefix of every table, {@code <prefix>_<entity>}
 * @param entities the entities to sync, in this order; empty for all available entities
 * @param fullRefresh whether to replace every table rather than sync incrementally
 * @param settings batch size, rate, retries, look-back and concurrency
 */
public record SyncRequest(
        String dataSourceName, String tablePrefix, List<String> entities, boolean fullRefresh, Settings settings) {

    public SyncRequest {
        Objects.requireNonNull(dataSourceName, "dataSourceName");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
        Objects.requireNonNull(settings, "settings");
        if (tablePrefix.isBlank()) {
            throw new IllegalArgumentException("the table prefix must not be blank");
        }
    }

    /** An ad-hoc sync of every entity, tables prefixed with {@code name}, default settings. */
    public static SyncRequest of(String name) {
        return new SyncRequest(name, name, List.of(), false, Settings.DEFAULTS);
    }

    /** A copy limited to the given entities. */
    public SyncRequest withEntities(List<String> names) {
        return new SyncRequest(dataSourceName, tablePrefix, names, fullRefresh, settings);
    }

    /** A copy with full refresh on or off. */
    public SyncRequest withFullRefresh(boolean value) {
        return new SyncRequest(dataSourceName, tablePrefix, entities, value, settings);
    }

    /** A copy with other settings. */
    public SyncRequest withSettings(Settings value) {
        return new SyncRequest(dataSourceName, tablePrefix, entities, fullRefresh, value);
    }

    /** A copy with another table prefix. */
    public SyncRequest withTablePrefix(String value) {
        return new SyncRequest(dataSourceName, value, entities, fullRefresh, settings);
    }
}
