package dev.tributary.runtime.destination;

import dev.tributary.spi.destination.ColumnType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * PostgreSQL's column arrays, bound the way pgjdbc sends arrays in binary: integers as {@code Long[]}
 * ({@code int8[]}), booleans as {@code Boolean[]} ({@code bool[]}), everything else as {@code String[]}
 * ({@code varchar[]}, each element's bytes as they are, no quoting) cast by the statement to the column's array type.
 * Decimals keep every digit ({@link BigDecimal#toString()}); timestamps are rounded to microseconds half up and dates
 * are written with an era, as pgjdbc writes single values. Stateless and thread-safe.
 */
final class PostgresArrays implements ColumnArrays {

    private static final int NANOS_PER_MICRO = 1_000;

    @Override
    public String placeholder(ColumnType type) {
        return switch (type) {
            case STRING -> "?::TEXT[]";
            case INTEGER -> "?::BIGINT[]";
            case NUMBER -> "?::NUMERIC[]";
            case BOOLEAN -> "?::BOOLEAN[]";
            case TIMESTAMP -> "?::TIMESTAMPTZ[]";
            case DATE -> "?::DATE[]";
            case JSON -> "?::JSONB[]";
        };
    }

    @Override
    public String scalar(String sqlType) {
        return "CAST(? AS " + sqlType + ")";
    }

    @Override
    public void bind(PreparedStatement statement, int index, ColumnType type, Object[] values) throws SQLException {
        Object[] array = switch (type) {
            case INTEGER -> new Long[values.length];
            case BOOLEAN -> new Boolean[values.length];
            default -> new String[values.length];
        };
        for (int i = 0; i < values.length; i++) {
            array[i] = values[i] == null ? null : element(type, values[i]);
        }
        statement.setObject(index, array);
    }

    private static Object element(ColumnType type, Object value) {
        return switch (type) {
            case INTEGER, BOOLEAN, STRING, JSON -> value;
            case NUMBER -> ((BigDecimal) value).toString();
            case TIMESTAMP -> timestamp((Instant) value);
            case DATE -> date(new StringBuilder(16), (LocalDate) value, "");
        };
    }

    /** {@code yyyy-mm-dd hh:mm:ss[.ffffff]+00[ BC]}, rounded to the microsecond half up. */
    static String timestamp(Instant value) {
        int below = value.getNano() % NANOS_PER_MICRO;
        Instant rounded = value.minusNanos(below).plusNanos(below >= NANOS_PER_MICRO / 2 ? NANOS_PER_MICRO : 0);
        LocalDateTime time = LocalDateTime.ofEpochSecond(rounded.getEpochSecond(), rounded.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(40);
        StringBuilder clock = new StringBuilder(24).append(' ');
        pad(clock, time.getHour(), 2).append(':');
        pad(clock, time.getMinute(), 2).append(':');
        pad(clock, time.getSecond(), 2);
        if (time.getNano() != 0) {
            pad(clock.append('.'), time.getNano() / NANOS_PER_MICRO, 6);
        }
        return date(text, time.toLocalDate(), clock.append("+00").toString());
    }

    /** {@code yyyy-mm-dd}, then {@code time}, then {@code  BC} for years before 1 (year 0 is 1 BC). */
    private static String date(StringBuilder text, LocalDate date, String time) {
        int year = date.getYear();
        pad(text, year > 0 ? year : 1 - year, 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2).append(time);
        return (year > 0 ? text : text.append(" BC")).toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
