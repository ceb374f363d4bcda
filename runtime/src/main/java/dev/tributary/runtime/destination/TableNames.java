package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.EntityTable;
import java.util.List;
import java.util.Locale;

/**
 * The SQL names of one entity's tables and key columns: {@code <prefix>_<entity>} sanitised to {@code [a-z0-9_]},
 * short enough for PostgreSQL's 63-byte identifiers once the staging suffix is added.
 *
 * @param live the live table
 * @param staging the staging table of a full refresh
 * @param keyColumns the primary-key columns, in the order of the entity's primary-key fields
 */
record TableNames(String live, String staging, List<String> keyColumns) {

    private static final int MAX_BASE_LENGTH = 50;

    TableNames {
        keyColumns = List.copyOf(keyColumns);
    }

    static TableNames of(EntityTable table) {
        String base = sanitise(table.prefix() + "_" + table.entity());
        if (base.length() > MAX_BASE_LENGTH) {
            base = base.substring(0, MAX_BASE_LENGTH);
        }
        return new TableNames(base, base + "__staging", table.primaryKey().stream().map(TableNames::sanitise).toList());
    }

    /** Lower-cases and replaces every character outside {@code [a-z0-9_]} with {@code _}. */
    static String sanitise(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return lower.isEmpty() || Character.isDigit(lower.charAt(0)) ? "t_" + lower : lower;
    }
}
