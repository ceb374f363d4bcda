package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.duckdb.DuckDBAppender;

/**
 * How typed values are stored in DuckDB: the native type of each {@link ColumnType}, whether a value fits it, and
 * appending a value to a staging table. Numbers are {@code DECIMAL(38,18)}: exact, holding every {@code BIGINT}
 * (so widening an integer column keeps its values) and 18 fraction digits (Stripe's decimal strings have at most 12).
 * A number outside it, or an instant or date outside DuckDB's range, does not fit: the writer keeps it as text in a
 * variant column. Timestamps keep microseconds, as in PostgreSQL. Stateless.
 */
final class DuckDbTypes {

    /** The native type of {@link ColumnType#NUMBER}. */
    static final String DECIMAL = "DECIMAL(38,18)";
    private static final int SCALE = 18;
    private static final int INTEGER_DIGITS = 38 - SCALE;
    // DuckDB keeps a timestamp as 64-bit microseconds since the epoch, from 290309-12-22 BC to 294247-01-10 AD; the
    // bound is the nearer end, on both sides.
    private static final long MAX_SECONDS = 9_223_372_022_399L;

    private DuckDbTypes() {
    }

    /** The DuckDB type of a column in its table. */
    static String nativeType(ColumnType type) {
        return switch (type) {
            case STRING -> "VARCHAR";
            case INTEGER -> "BIGINT";
            case NUMBER -> DECIMAL;
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMPTZ";
            case DATE -> "DATE";
            case JSON -> "JSON";
        };
    }

    /** The DuckDB type of a column in a staging table: JSON arrives as text and is cast when merged. */
    static String stagingType(ColumnType type) {
        return type == ColumnType.JSON ? "VARCHAR" : nativeType(type);
    }

    /** Whether a value (of the Java class of {@code type}, or null) can be stored in the native type unchanged. */
    static boolean fits(ColumnType type, Object value) {
        if (value == null) {
            return true;
        }
        return switch (type) {
            case NUMBER -> fitsDecimal((BigDecimal) value);
            case TIMESTAMP -> Math.abs(((Instant) value).getEpochSecond()) <= MAX_SECONDS;
            case DATE -> fitsDate((LocalDate) value);
            default -> true;
        };
    }

    private static boolean fitsDecimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return Math.max(stripped.scale(), 0) <= SCALE && stripped.precision() - stripped.scale() <= INTEGER_DIGITS;
    }

    private static boolean fitsDate(LocalDate value) {
        long day = value.toEpochDay();
        return day > Integer.MIN_VALUE && day < Integer.MAX_VALUE;
    }

    /** The text kept in a variant column for a value that does not fit its column. */
    static String text(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }

    /** Appends a value that {@link #fits} (or null) as the next column of the appender's row. */
    static void append(DuckDBAppender appender, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (type) {
            case STRING, JSON -> appender.append((String) value);
            case INTEGER -> appender.append(((Long) value).longValue());
            case NUMBER -> appender.append(((BigDecimal) value).setScale(SCALE, RoundingMode.UNNECESSARY));
            case BOOLEAN -> appender.append(((Boolean) value).booleanValue());
            case TIMESTAMP -> appender.appendEpochMicros(micros((Instant) value));
            case DATE -> appender.append((LocalDate) value);
        }
    }

    /** Microseconds since the epoch; a finer fraction is cut, as PostgreSQL's {@code timestamptz} does. */
    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
