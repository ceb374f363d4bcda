package dev.tributary.connector.graphql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a configured query walks through its result list. */
enum Pagination {
    /** One request returns every record. */
    NONE("none"),
    /** Pages are addressed by a page size and an offset variable ({@code limit}/{@code offset}). */
    OFFSET("offset"),
    /** Relay-style: a page size and an {@code after} cursor, with {@code hasNextPage} telling when to stop. */
    CURSOR("cursor");

    private final String configName;

    Pagination(String configName) {
        this.configName = configName;
    }

    /** The value written in configuration. */
    String configName() {
        return configName;
    }

    /** The mode named {@code text} (case-insensitive), absent for anything else. */
    static Optional<Pagination> fromConfig(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(mode -> mode.configName.equals(wanted)).findFirst();
    }

    /** The accepted values, for error messages. */
    static String accepted() {
        return Arrays.stream(values()).map(Pagination::configName).collect(Collectors.joining(", "));
    }
}
