package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Rows in PostgreSQL's {@code COPY … FROM STDIN} text format: fields separated by tabs, rows ended by a newline,
 * {@code \N} for null, and backslash, tab, newline and carriage return escaped in values. Values are of their
 * column type's Java class, as in a typed row. Not thread-safe: one per batch.
 */
final class CopyText {

    /** Timestamps with microseconds, offset and era, which PostgreSQL reads whatever the year (BC, after 9999). */
    private static final DateTimeFormatter TIMESTAMP = withEra("-MM-dd HH:mm:ss.SSSSSSxxx ");
    private static final DateTimeFormatter DATE = withEra("-MM-dd ");

    private final StringBuilder text = new StringBuilder(16_384);
    private boolean rowStarted;

    /** Appends one field of the current row. */
    CopyText field(ColumnType type, Object value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            text.append("\\N");
            return this;
        }
        switch (type) {
            case STRING, JSON -> escaped((String) value);
            case INTEGER -> text.append(((Long) value).longValue());
            case NUMBER -> text.append(((BigDecimal) value).toPlainString());
            case BOOLEAN -> text.append((Boolean) value ? 't' : 'f');
            case TIMESTAMP -> text.append(timestamp((Instant) value));
            case DATE -> text.append(DATE.format((LocalDate) value));
        }
        return this;
    }

    /** Ends the current row. */
    CopyText endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    /** The rows appended so far. */
    String text() {
        return text.toString();
    }

    /** An instant as a COPY timestamp field. */
    static String timestamp(Instant value) {
        return TIMESTAMP.format(OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    private static DateTimeFormatter withEra(String afterYear) {
        return new DateTimeFormatterBuilder().appendValue(ChronoField.YEAR_OF_ERA, 4, 10, SignStyle.NORMAL)
                .appendPattern(afterYear).appendText(ChronoField.ERA, TextStyle.SHORT).toFormatter(Locale.ROOT);
    }

    private void escaped(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
