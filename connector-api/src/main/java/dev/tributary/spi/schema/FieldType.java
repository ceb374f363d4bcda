package dev.tributary.spi.schema;

/**
 * The closed vocabulary of field types a connector declares in an {@link EntitySchema}. The runtime maps each to the
 * native column type of the destination (documented per destination in the README) and converts source values to it,
 * following the field's {@link ValueFormat}.
 *
 * @since 1.1
 */
public enum FieldType {
    /** Text. */
    STRING,
    /** A whole number; values beyond 64 bits are kept exactly (the column widens to {@link #NUMBER}). */
    INTEGER,
    /** A decimal number, kept exactly where the destination can (PostgreSQL {@code numeric}). */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An instant in time, stored in UTC. */
    TIMESTAMP,
    /** A calendar date without a time of day. */
    DATE,
    /** Any JSON value kept whole in one column: an object or array the runtime must not flatten. */
    JSON,
    /**
     * A JSON object whose {@linkplain SchemaField#fields() nested fields} become columns named
     * {@code parent__child}, up to the runtime's nesting depth.
     */
    OBJECT,
    /**
     * A JSON array. When its {@linkplain SchemaField#fields() element fields} are declared the elements are objects
     * and go to a child table {@code <table>__<field>}; without them the array is kept whole, as {@link #JSON}.
     */
    ARRAY
}
