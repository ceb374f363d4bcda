package dev.tributary.destination.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLedgerTest {

    private static final Instant T1 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-07T11:00:00Z");
    private static final Instant APPLIED = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path temp;

    private final EventLedger ledger = new EventLedger(new SqliteMetadata(false), Optional.empty());
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = SqliteMetadata.open(temp);
        ledger.create(connection);
        ledger.create(connection);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void recognisesARedeliveredEventIdPerPrefix() throws SQLException {
        assertThat(ledger.recordEvent(connection, "shop", "evt_1", T1, APPLIED)).isTrue();
        assertThat(ledger.recordEvent(connection, "shop", "evt_1", T2, APPLIED)).isFalse();
        assertThat(ledger.recordEvent(connection, "other", "evt_1", T1, APPLIED)).isTrue();
    }

    @Test
    void advancesARowOnlyToTheSameOrALaterTime() throws SQLException {
        assertThat(ledger.advance(connection, "shop", "orders", "o1", T1)).isTrue();
        assertThat(ledger.advance(connection, "shop", "orders", "o1", T2)).isTrue();
        assertThat(ledger.advance(connection, "shop", "orders", "o1", T1)).isFalse();
        assertThat(ledger.advance(connection, "shop", "orders", "o1", T2)).isTrue();
        assertThat(ledger.advance(connection, "shop", "customers", "o1", T1)).isTrue();
    }

    @Test
    void aDeletedRowIsNeverRevivedAndDeletedOnce() throws SQLException {
        assertThat(ledger.advance(connection, "shop", "orders", "o1", T1)).isTrue();
        assertThat(ledger.delete(connection, "shop", "orders", "o1", T1)).isTrue();
        assertThat(ledger.advance(connection, "shop", "orders", "o1", T2)).isFalse();
        assertThat(ledger.delete(connection, "shop", "orders", "o1", T2)).isFalse();
        assertThat(ledger.delete(connection, "shop", "orders", "o2", T2)).isTrue();
        assertThat(ledger.advance(connection, "shop", "orders", "o2", T1)).isFalse();
    }
}
