package dev.tributary.runtime.typing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.schema.ValueFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts record values (as parsed from JSON: strings, numbers, booleans, maps, lists) to the Java class of a
 * {@link ColumnType}, following a field's {@link ValueFormat}, and infers the type of undeclared values. A value that
 * does not fit a type converts to {@link Optional#empty()}, never to a guess: numbers keep every digit
 * ({@link BigDecimal}), a timestamp without offset is read as UTC.
 */
final class Values {

    private static final JsonText JSON_TEXT = new JsonText(new ObjectMapper());
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    /** The column type of an undeclared non-null scalar or array value (strings stay text: no guessing of dates). */
    static ColumnType infer(Object value) {
        if (value instanceof Boolean) {
            return ColumnType.BOOLEAN;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ColumnType.INTEGER;
        }
        if (value instanceof BigInteger big) {
            return fitsLong(big) ? ColumnType.INTEGER : ColumnType.NUMBER;
        }
        if (value instanceof Number) {
            return ColumnType.NUMBER;
        }
        if (value instanceof String) {
            return ColumnType.STRING;
        }
        return ColumnType.JSON;
    }

    /** {@code value} (not null) as the class of {@code type}, or empty when it does not fit. */
    static Optional<Object> convert(Object value, ColumnType type, ValueFormat format) {
        return Optional.ofNullable(convertOrNull(value, type, format));
    }

    /** {@code value} (not null) as the class of {@code type}, or null when it does not fit. */
    static Object convertOrNull(Object value, ColumnType type, ValueFormat format) {
        try {
            return switch (type) {
                case STRING -> value instanceof String text ? text
                        : value instanceof Map || value instanceof List ? null : text(value);
                case INTEGER -> integer(value, format);
                case NUMBER -> number(value, format);
                case BOOLEAN -> value instanceof Boolean ? value : null;
                case TIMESTAMP -> timestamp(value, format);
                case DATE -> value instanceof String s ? LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s)
                        : null;
                case JSON -> json(value);
            };
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The JSON text of a value. */
    static String json(Object value) {
        try {
            return JSON_TEXT.of(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a record value cannot be written as JSON: " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON into memory failed", e);
        }
    }

    private static String text(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).toPlainString();
        }
        return value instanceof BigDecimal big ? big.toPlainString() : value.toString();
    }

    private static Long integer(Object value, ValueFormat format) {
        if (value instanceof Long whole) {
            return whole;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal number = exact(value, format);
        if (number == null) {
            return null;
        }
        return number.toBigIntegerExact().longValueExact();
    }

    private static BigDecimal number(Object value, ValueFormat format) {
        return exact(value, format);
    }

    private static BigDecimal exact(Object value, ValueFormat format) {
        if (value instanceof String s) {
            return format == ValueFormat.DECIMAL_STRING ? new BigDecimal(s.trim()) : null;
        }
        if (value instanceof BigDecimal big) {
            return big;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return null;
    }

    private static Instant timestamp(Object value, ValueFormat format) {
        return switch (format) {
            case EPOCH_SECONDS -> {
                BigDecimal seconds = exact(value, ValueFormat.DEFAULT);
                yield seconds == null ? null : Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            }
            case EPOCH_MILLIS -> {
                BigDecimal millis = exact(value, ValueFormat.DEFAULT);
                yield millis == null ? null : Instant.ofEpochMilli(millis.longValueExact());
            }
            default -> value instanceof String s ? isoInstant(s) : null;
        };
    }

    private static Instant isoInstant(String text) {
        String s = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException withoutOffset) {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
    }

    private static boolean fitsLong(BigInteger value) {
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
    }
}
