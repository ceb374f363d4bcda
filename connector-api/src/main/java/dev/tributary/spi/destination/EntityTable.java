package dev.tributary.spi.destination;

import dev.tributary.spi.schema.EntitySchema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies where one entity of one data source is stored: the table {@code <prefix>_<entity>} (the destination
 * sanitises the name) keyed by {@link #primaryKey()}, and the state row keyed by {@code (prefix, entity)}.
 *
 * <p>When the runtime opens a writer, or applies a webhook event, it passes the entity's schema in {@link #schema()}:
 * the schema the sync types its batches with, which the connector declares statically or discovers after
 * {@code initialize}. A destination that types records itself, such as one migrating a table written before typed
 * tables, types them with that schema so that its columns match those of the {@link TypedWrite}s. Two tables of the
 * same prefix, entity, key and data source are the same stored table whatever their schemas: tell tables apart by
 * those components, not with {@link #equals(Object)}, which compares the schemas too.
 *
 * @param prefix the table prefix: the data source name, the connector id for an ad-hoc sync, or a user override
 * @param entity the entity name
 * @param primaryKey the record field(s) forming the primary key; never empty
 * @param dataSource the data source name written into every row's {@code _data_source} column
 * @param schema the entity's declared or discovered schema; absent when the connector declares none (as every
 *     connector built against SPI 1.0) or when the caller only reads state or layout; never null;
 *     since SPI 1.1
 * @since 1.0
 */
public record EntityTable(String prefix, String entity, List<String> primaryKey, String dataSource,
        Optional<EntitySchema> schema) {

    public EntityTable {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(schema, "schema");
        primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "primaryKey"));
        if (prefix.isBlank() || entity.isBlank()) {
            throw new IllegalArgumentException("table prefix and entity must not be blank");
        }
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("entity '" + entity + "' needs at least one primary-key field");
        }
    }

    /**
     * A table without a schema: the constructor of SPI 1.0, kept so plugins built against it still link.
     */
    public EntityTable(String prefix, String entity, List<String> primaryKey, String dataSource) {
        this(prefix, entity, primaryKey, dataSource, Optional.empty());
    }

    /**
     * A copy with the given schema.
     *
     * @since 1.1
     */
    public EntityTable withSchema(EntitySchema value) {
        return new EntityTable(prefix, entity, primaryKey, dataSource, Optional.of(value));
    }
}
