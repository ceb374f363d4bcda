package dev.tributary.spi.destination;

/**
 * The logical type of a typed column, which a destination maps to its native type. Values in a
 * {@link TypedWrite}'s rows are always of the Java class given for their column's type, or {@code null}.
 *
 * @since 1.1
 */
public enum ColumnType {
    /** Text; values are {@link String}. Key columns are always of this type. */
    STRING,
    /** A 64-bit whole number; values are {@link Long}. */
    INTEGER,
    /** An exact decimal number of any size; values are {@link java.math.BigDecimal}. */
    NUMBER,
    /** Values are {@link Boolean}. */
    BOOLEAN,
    /** An instant, stored in UTC; values are {@link java.time.Instant}. */
    TIMESTAMP,
    /** A date without a time of day; values are {@link java.time.LocalDate}. */
    DATE,
    /** A JSON document kept whole; values are its JSON text, a {@link String}. */
    JSON
}
