package dev.tributary.spi.destination;

import java.util.Objects;

/**
 * One typed column of an entity's table or child table.
 *
 * @param name the column name, already normalised by the runtime (lowercase, at most the destination's
 *     {@link Destination#maxIdentifierLength()}); quote it, never change it
 * @param type the logical type, which the destination maps to a native one
 * @param sourcePath where the values come from in the source's records, dotted for nested fields (e.g.
 *     {@code address.city}), for people and documentation; empty for columns the runtime makes up, such as
 *     {@code _position}
 * @param description one line for people, from the connector's schema; may be empty
 * @since 1.1
 */
public record Column(String name, ColumnType type, String sourcePath, String description) {

    public Column {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a column needs a non-empty name");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(description, "description");
    }

    /** A copy of this column with another type (after widening). */
    public Column withType(ColumnType value) {
        return new Column(name, value, sourcePath, description);
    }
}
