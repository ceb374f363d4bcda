package dev.tributary.spi.schema;

/**
 * How a source writes the values of a field when their JSON shape differs from the field's {@link FieldType}: the
 * runtime converts, so connectors hand records over as the API sent them and never format values themselves.
 *
 * @since 1.1
 */
public enum ValueFormat {
    /**
     * The value has the field type's natural JSON shape: text for {@link FieldType#STRING}, a JSON number for
     * {@link FieldType#INTEGER} and {@link FieldType#NUMBER}, a JSON boolean for {@link FieldType#BOOLEAN},
     * ISO-8601 text for {@link FieldType#TIMESTAMP} (with an offset, or UTC when it has none) and
     * {@link FieldType#DATE} ({@code 2024-01-31}), or Unix epoch seconds for a timestamp sent as a number.
     */
    DEFAULT,
    /** A timestamp sent as Unix epoch seconds (a JSON number or numeric text), e.g. Stripe's {@code created}. */
    EPOCH_SECONDS,
    /** A timestamp sent as Unix epoch milliseconds (a JSON number or numeric text). */
    EPOCH_MILLIS,
    /** A timestamp or date sent as ISO-8601 text, e.g. Close's {@code date_updated}. */
    ISO_8601,
    /** A number sent as text, e.g. Stripe's {@code unit_amount_decimal} ({@code "1250.5"}), kept exactly. */
    DECIMAL_STRING
}
