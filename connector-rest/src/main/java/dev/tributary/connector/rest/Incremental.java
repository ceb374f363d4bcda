package dev.tributary.connector.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Incremental sync of a resource: records carry a growing {@code cursorField}; {@code since} is sent as
 * {@code param} in {@code format} when set, and records before it are dropped client-side either way.
 *
 * @param cursorField the record field holding the update time (ISO-8601 text or epoch seconds)
 * @param param the query parameter the server filters on, e.g. {@code updated_since}; absent to filter client-side
 * @param format how the parameter's value is written: {@code iso8601}, {@code epoch_seconds}, {@code epoch_millis},
 *     {@code date}
 */
record Incremental(String cursorField, Optional<String> param, String format) {

    static final List<String> FORMATS = List.of("iso8601", "epoch_seconds", "epoch_millis", "date");

    /** {@code since} written in {@link #format()}. */
    String format(Instant since) {
        return switch (format) {
            case "epoch_seconds" -> Long.toString(since.getEpochSecond());
            case "epoch_millis" -> Long.toString(since.toEpochMilli());
            case "date" -> since.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            default -> since.toString();
        };
    }
}
