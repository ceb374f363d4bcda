package dev.tributary.spi;

import dev.tributary.spi.schema.EntitySchema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of record a connector can fetch (the seed's "entity"), e.g. Stripe's {@code customers}.
 *
 * <p>The runtime stores each entity in its own table, keyed by {@link #primaryKey()}. When {@link #cursorField()}
 * is present the entity can be synced incrementally: the runtime remembers the highest value of that field it has
 * committed and passes it back as {@link FetchOptions#since()}.
 *
 * @param name the entity name, unique within the connector; lowercase letters, digits, {@code _} and {@code -}
 * @param primaryKey the top-level record field(s) that identify a record; never empty
 * @param cursorField the top-level record field holding a timestamp that grows as records are created or updated
 *     (ISO-8601 text or Unix epoch seconds), when the source can filter on it
 * <p>When {@link #schema()} is present the runtime types the entity's columns from it (see
 * {@link dev.tributary.spi.schema}); otherwise, as for every plugin built against SPI 1.0, it infers them from the
 * values it sees.
 *
 * @param description a sentence for people; may be empty, never null
 * @param schema the declared fields of the entity's records; absent when the connector declares none
 * @since 1.0
 */
public record EntityDescriptor(
        String name, List<String> primaryKey, Optional<String> cursorField, String description,
        Optional<EntitySchema> schema) {

    public EntityDescriptor {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("entity name '" + name
                    + "' must be lowercase letters, digits, '_' or '-', starting with a letter or digit");
        }
        primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "primaryKey"));
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("entity '" + name + "' needs at least one primary-key field");
        }
        Objects.requireNonNull(cursorField, "cursorField");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(schema, "schema");
    }

    /**
     * An entity without a declared schema: the constructor of SPI 1.0, kept so plugins built against it still link.
     */
    public EntityDescriptor(String name, List<String> primaryKey, Optional<String> cursorField, String description) {
        this(name, primaryKey, cursorField, description, Optional.empty());
    }

    /** An entity with primary key {@code id}, no cursor field, no description and no declared schema. */
    public static EntityDescriptor of(String name) {
        return new EntityDescriptor(name, List.of("id"), Optional.empty(), "");
    }

    /** A copy with the given cursor field, enabling incremental sync. */
    public EntityDescriptor withCursorField(String field) {
        return new EntityDescriptor(name, primaryKey, Optional.of(field), description, schema);
    }

    /** A copy with the given primary-key field(s). */
    public EntityDescriptor withPrimaryKey(String... fields) {
        return new EntityDescriptor(name, List.of(fields), cursorField, description, schema);
    }

    /** A copy with the given description. */
    public EntityDescriptor withDescription(String text) {
        return new EntityDescriptor(name, primaryKey, cursorField, text, schema);
    }

    /**
     * A copy with the given declared schema.
     *
     * @since 1.1
     */
    public EntityDescriptor withSchema(EntitySchema value) {
        return new EntityDescriptor(name, primaryKey, cursorField, description, Optional.of(value));
    }

    /** Whether the entity can be synced incrementally. */
    public boolean isIncremental() {
        return cursorField.isPresent();
    }
}
