package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.ColumnType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Column arrays in embedded PostgreSQL give every value exactly as binding it alone as a parameter does (the
 * multi-row path): nulls, quotes, backslashes, unicode, JSON, extreme integers, decimals of many digits, timestamps
 * with nanoseconds, before year 1 and after 9999, and dates before year 1.
 */
class PostgresArraysTest {

    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void textAndJsonKeepEveryCharacter() throws SQLException {
        List<Object> texts = Arrays.asList(null, "", "NULL", "null", "it's \"quoted\"", "back\\slash\\", "{a,b}",
                " spaced ", "\u00fcnic\u00f6de \u2713 \ud834\udd1e", "line\nbreak\ttab");
        assertSameAsSingleValues(ColumnType.STRING, texts);
        assertSameAsSingleValues(ColumnType.JSON, Arrays.asList(null, "{}", "[]", "\"text\"", "null",
                "{\"say\":\"he said \\\"hi\\\" \\\\o/\",\"n\":{\"q\":\"'\"}}", "[1,\"\u2713\",{\"k\":null}]"));
    }

    @Test
    void numbersKeepEveryDigit() throws SQLException {
        assertSameAsSingleValues(ColumnType.INTEGER, Arrays.asList(null, 0L, Long.MAX_VALUE, Long.MIN_VALUE,
                9_007_199_254_740_993L));
        assertSameAsSingleValues(ColumnType.NUMBER, Arrays.asList(null,
                new BigDecimal("123456789012345678901234.567890"), new BigDecimal("-0.000000000000000000000000000001"),
                new BigDecimal("1E+30"), new BigDecimal("1.50"), BigDecimal.ZERO));
        assertSameAsSingleValues(ColumnType.BOOLEAN, Arrays.asList(true, null, false));
    }

    @Test
    void timestampsAndDatesMatchSingleValuesAcrossEras() throws SQLException {
        assertSameAsSingleValues(ColumnType.TIMESTAMP, Arrays.asList(null,
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:05.123456Z"),
                Instant.parse("2026-01-02T03:04:05.123456499Z"), Instant.parse("2026-01-02T03:04:05.123456500Z"),
                Instant.parse("2026-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.000000700Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("0000-06-15T12:00:00Z"),
                Instant.parse("-0044-03-15T00:00:00Z"), Instant.parse("+12345-01-01T00:00:00.5Z")));
        assertSameAsSingleValues(ColumnType.DATE, Arrays.asList(null, LocalDate.of(1999, 12, 31),
                LocalDate.of(1, 1, 1), LocalDate.of(0, 2, 29), LocalDate.of(-44, 3, 15), LocalDate.of(12345, 1, 1)));
    }

    @Test
    void timestampTextRoundsToTheMicrosecondHalfUp() {
        assertThat(PostgresArrays.timestamp(Instant.parse("2026-01-02T03:04:05.000000500Z")))
                .isEqualTo("2026-01-02 03:04:05.000001+00");
        assertThat(PostgresArrays.timestamp(Instant.parse("2026-12-31T23:59:59.999999500Z")))
                .isEqualTo("2027-01-01 00:00:00+00");
        assertThat(PostgresArrays.timestamp(Instant.parse("0000-01-01T00:00:00Z")))
                .isEqualTo("0001-01-01 00:00:00+00 BC");
    }

    /** Each value read back through an array parameter equals the same value bound alone, as text. */
    private static void assertSameAsSingleValues(ColumnType type, List<Object> values) throws SQLException {
        String cast = DIALECT.nativeType(type);
        List<String> alone = new ArrayList<>();
        List<String> arrayed = new ArrayList<>();
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT CAST("
                    + DIALECT.placeholder(type) + " AS " + cast + ")::TEXT")) {
                for (Object value : values) {
                    DIALECT.bind(statement, 1, type, value);
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        alone.add(row.getString(1));
                    }
                }
            }
            ColumnArrays arrays = DIALECT.columnArrays().orElseThrow();
            try (PreparedStatement statement = connection.prepareStatement("SELECT v::TEXT FROM unnest("
                    + arrays.placeholder(type) + ") WITH ORDINALITY AS u(v, n) ORDER BY n")) {
                arrays.bind(statement, 1, type, values.toArray());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        arrayed.add(rows.getString(1));
                    }
                }
            }
        }
        assertThat(arrayed).hasSize(values.size()).isEqualTo(alone);
        assertThat(alone).filteredOn(value -> value == null).hasSameSizeAs(values.stream()
                .filter(value -> value == null).toList());
    }
}
