package dev.tributary.spi.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The declared fields of an entity's records, in the order their columns should appear. Declared fields get their
 * declared types; fields a record holds but the schema does not declare are inferred from their values by the
 * runtime, so a schema may describe only the fields that matter (or whose type cannot be guessed, such as epoch
 * timestamps).
 *
 * <p>Attach it to an entity with {@link dev.tributary.spi.EntityDescriptor#withSchema(EntitySchema)}: statically in
 * {@link dev.tributary.spi.ConnectorMetadata}, or after initialisation in
 * {@link dev.tributary.spi.BaseConnector#getAvailableEntities()} when it must be discovered from the source.
 *
 * @param fields the top-level fields, names unique; may be empty
 * @since 1.1
 */
public record EntitySchema(List<SchemaField> fields) {

    public EntitySchema {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        SchemaField.requireUniqueNames(fields, "the entity schema");
    }

    /** A schema of the given top-level fields. */
    public static EntitySchema of(SchemaField... fields) {
        return new EntitySchema(List.of(fields));
    }

    /** The top-level field with the given name, if declared. */
    public Optional<SchemaField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
