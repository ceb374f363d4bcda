package dev.tributary.destination.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateTableTest {

    private static final Instant SINCE = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path temp;

    private final StateTable table = new StateTable(new SqliteMetadata(false), Optional.empty());

    @Test
    void readsNothingForAnEntityWithoutState() throws SQLException {
        try (Connection connection = SqliteMetadata.open(temp)) {
            table.create(connection);
            table.create(connection);

            assertThat(table.read(connection, "shop", "orders")).isEmpty();
        }
    }

    @Test
    void readsBackTheLastStateWrittenPerPrefixAndEntity() throws SQLException {
        SyncState started = SyncState.started(SyncMode.INCREMENTAL, Optional.of(SINCE), Optional.empty());
        SyncState advanced = started.advancedTo("page-2", Optional.of(NOW));
        SyncState fullRefresh = SyncState.started(SyncMode.FULL_REFRESH, Optional.empty(), Optional.empty())
                .asFinished();
        try (Connection connection = SqliteMetadata.open(temp)) {
            table.create(connection);
            table.write(connection, "shop", "orders", started, NOW);
            table.write(connection, "shop", "orders", advanced, NOW);
            table.write(connection, "other", "orders", fullRefresh, NOW);

            assertThat(table.read(connection, "shop", "orders")).contains(advanced);
            assertThat(table.read(connection, "other", "orders")).contains(fullRefresh);
            assertThat(table.read(connection, "shop", "customers")).isEmpty();
        }
    }

    @Test
    void aPreparedWriteServesSeveralTransactionsAndARollbackKeepsTheOldState() throws SQLException {
        SyncState first = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty())
                .advancedTo("1", Optional.empty());
        try (Connection connection = SqliteMetadata.open(temp)) {
            table.create(connection);
            connection.setAutoCommit(false);
            try (PreparedStatement write = table.prepareWrite(connection)) {
                table.write(write, "shop", "orders", first, NOW);
                connection.commit();
                table.write(write, "shop", "orders", first.advancedTo("2", Optional.empty()), NOW);
                connection.rollback();
            }

            assertThat(table.read(connection, "shop", "orders")).contains(first);
        }
    }

    @Test
    void mergeAppliesTheFunctionToTheStoredStateInsideTheTransaction() throws SQLException {
        SyncState proposed = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty())
                .advancedTo("b", Optional.empty());
        List<Optional<SyncState>> seen = new ArrayList<>();
        try (Connection connection = SqliteMetadata.open(temp)) {
            table.create(connection);
            connection.setAutoCommit(false);
            table.merge(connection, "shop", "orders", (stored, mine) -> {
                seen.add(stored);
                return mine;
            }, proposed, NOW);
            connection.commit();
            table.merge(connection, "shop", "orders", (stored, mine) -> {
                seen.add(stored);
                return mine.advancedTo(stored.orElseThrow().position().orElseThrow() + "+" + mine.position()
                        .orElseThrow(), Optional.empty());
            }, proposed.advancedTo("c", Optional.empty()), NOW);
            connection.commit();
            table.merge(connection, "shop", "orders", (stored, mine) -> mine, proposed.advancedTo("x",
                    Optional.empty()), NOW);
            connection.rollback();

            assertThat(seen).as("nothing stored at first, then the first merge's state")
                    .containsExactly(Optional.empty(), Optional.of(proposed));
            assertThat(table.read(connection, "shop", "orders").flatMap(SyncState::position)).contains("b+c");
            assertThat(table.read(connection, "shop", "customers")).isEmpty();
        }
    }

    @Test
    void aMergeReturningNothingFailsAndStoresNothing() throws SQLException {
        SyncState proposed = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
        try (Connection connection = SqliteMetadata.open(temp)) {
            table.create(connection);
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> table.merge(connection, "shop", "orders", (stored, mine) -> null, proposed, NOW))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("merge function returned null");
            connection.rollback();

            assertThat(table.read(connection, "shop", "orders")).isEmpty();
        }
    }

    @Test
    void qualifiesItsNameWithTheSchema() throws SQLException {
        StateTable attached = new StateTable(new SqliteMetadata(false), Optional.of("side"));
        try (Connection connection = SqliteMetadata.open(temp)) {
            connection.createStatement().execute("ATTACH DATABASE '" + temp.resolve("side.db") + "' AS side");
            attached.create(connection);
            attached.write(connection, "shop", "orders",
                    SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty()), NOW);

            assertThat(attached.read(connection, "shop", "orders")).isPresent();
            table.create(connection);
            assertThat(table.read(connection, "shop", "orders")).isEmpty();
        }
    }
}
