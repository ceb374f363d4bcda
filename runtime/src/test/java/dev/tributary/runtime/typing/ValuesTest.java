package dev.tributary.runtime.typing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.schema.ValueFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void epochAndIsoTimestampsBecomeInstants() {
        assertThat(Values.convert(1_700_000_000, ColumnType.TIMESTAMP, ValueFormat.EPOCH_SECONDS))
                .contains(Instant.ofEpochSecond(1_700_000_000));
        assertThat(Values.convert(1_700_000_000_123L, ColumnType.TIMESTAMP, ValueFormat.EPOCH_MILLIS))
                .contains(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(Values.convert("2024-03-01T10:15:30.5+02:00", ColumnType.TIMESTAMP, ValueFormat.ISO_8601))
                .contains(Instant.parse("2024-03-01T08:15:30.5Z"));
        assertThat(Values.convert("2024-03-01 10:15:30", ColumnType.TIMESTAMP, ValueFormat.DEFAULT))
                .contains(Instant.parse("2024-03-01T10:15:30Z"));
        assertThat(Values.convert("2024-03-01", ColumnType.DATE, ValueFormat.ISO_8601))
                .contains(LocalDate.of(2024, 3, 1));
    }

    @Test
    void decimalStringsAndBigNumbersKeepEveryDigit() {
        assertThat(Values.convert("12345678901234567890.0123", ColumnType.NUMBER, ValueFormat.DECIMAL_STRING))
                .contains(new BigDecimal("12345678901234567890.0123"));
        assertThat(Values.convert(0.1, ColumnType.NUMBER, ValueFormat.DEFAULT)).contains(new BigDecimal("0.1"));
        assertThat(Values.convert(9_007_199_254_740_993L, ColumnType.INTEGER, ValueFormat.DEFAULT))
                .contains(9_007_199_254_740_993L);
        assertThat(Values.infer(new BigInteger("99999999999999999999"))).isEqualTo(ColumnType.NUMBER);
    }

    @Test
    void valuesThatDoNotFitConvertToNothing() {
        assertThat(Values.convert("soon", ColumnType.TIMESTAMP, ValueFormat.ISO_8601)).isEmpty();
        assertThat(Values.convert("12", ColumnType.INTEGER, ValueFormat.DEFAULT)).isEmpty();
        assertThat(Values.convert(1.5, ColumnType.INTEGER, ValueFormat.DEFAULT)).isEmpty();
        assertThat(Values.convert(new BigInteger("99999999999999999999"), ColumnType.INTEGER, ValueFormat.DEFAULT))
                .isEmpty();
        assertThat(Values.convert("yes", ColumnType.BOOLEAN, ValueFormat.DEFAULT)).isEmpty();
        assertThat(Values.convert(Map.of("a", 1), ColumnType.STRING, ValueFormat.DEFAULT)).isEmpty();
        assertThat(Values.convert(Double.NaN, ColumnType.NUMBER, ValueFormat.DEFAULT)).isEmpty();
    }

    @Test
    void anyValueFitsJson() {
        assertThat(Values.convert(List.of(1, "a"), ColumnType.JSON, ValueFormat.DEFAULT))
                .isEqualTo(Optional.of("[1,\"a\"]"));
        assertThat(Values.infer(List.of())).isEqualTo(ColumnType.JSON);
    }
}
