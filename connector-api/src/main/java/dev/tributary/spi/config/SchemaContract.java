package dev.tributary.spi.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the runtime does when a batch would change a typed table that already has columns: a field neither in the
 * table nor declared by the connector, or a value that does not fit its column. The data source's
 * {@code schema_contract} setting; a table's first run creates its columns under every contract.
 *
 * @since 1.1
 */
public enum SchemaContract {
    /** Add columns, widen or add variant columns as needed (the default). */
    EVOLVE,
    /** Fail the entity, naming the field and the table; nothing of the batch is written and the state stays. */
    FREEZE,
    /** Leave out the records that would change the schema, counting and logging them with the field's name. */
    DISCARD_ROW,
    /** Leave the offending values out of the typed columns; they stay in {@code _record}. */
    DISCARD_VALUE;

    /** The setting's text for this contract, e.g. {@code discard_row}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The contract a setting's text names, ignoring case.
     *
     * @throws IllegalArgumentException naming the setting and every allowed value when {@code text} names none
     */
    public static SchemaContract fromSetting(String text) {
        for (SchemaContract contract : values()) {
            if (contract.settingValue().equalsIgnoreCase(text.strip())) {
                return contract;
            }
        }
        throw new IllegalArgumentException("setting schema_contract must be one of " + allowed() + ", was '" + text
                + "'");
    }

    /** The allowed setting texts, comma separated, e.g. {@code evolve, freeze, discard_row, discard_value}. */
    public static String allowed() {
        return Arrays.stream(values()).map(SchemaContract::settingValue).collect(Collectors.joining(", "));
    }
}
