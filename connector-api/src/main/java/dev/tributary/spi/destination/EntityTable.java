package dev.tributary.spi.destination;

import java.util.List;
import java.util.Objects;

/**
 * Identifies where one entity of one data source is stored: the table {@code <prefix>_<entity>} (the destination
 * sanitises the name) keyed by {@link #primaryKey()}, and the state row keyed by {@code (prefix, entity)}.
 *
 * @param prefix the table prefix: the data source name, the connector id for an ad-hoc sync, or a user override
 * @param entity the entity name
 * @param primaryKey the record field(s) forming the primary key; never empty
 * @param dataSource the data source name written into every row's {@code _data_source} column
 * @since 1.0
 */
public record EntityTable(String prefix, String entity, List<String> primaryKey, String dataSource) {

    public EntityTable {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(dataSource, "dataSource");
        primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "primaryKey"));
        if (prefix.isBlank() || entity.isBlank()) {
            throw new IllegalArgumentException("table prefix and entity must not be blank");
        }
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("entity '" + entity + "' needs at least one primary-key field");
        }
    }
}
