package dev.tributary.destination.duckdb;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * A second process for {@link DuckDbSecondWriterTest}: holds a DuckDB file open, prints {@code HELD} and keeps it
 * until its standard input closes (or it is killed).
 *
 * <p>Arguments: the file, then {@code writer} (a sync that committed two batches of {@code shop_customers} and is
 * in the middle of the entity) or {@code reader} (a read-only connection, as the duckdb CLI with {@code -readonly}).
 */
final class FileHolderProcess {

    static final EntityTable CUSTOMERS = new EntityTable("shop", "customers", List.of("id"), "shop");

    private FileHolderProcess() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        if (args[1].equals("reader")) {
            Properties readOnly = new Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + args[0], readOnly)) {
                holdUntilInputCloses();
            }
            return;
        }
        try (Destination destination = new DuckDbDestinationProvider().open("jdbc:duckdb:" + args[0], name -> null);
                EntityWriter writer = destination.openWriter(CUSTOMERS,
                        SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty()))) {
            SyncState state = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
            Instant now = Instant.parse("2026-12-01T10:00:00Z");
            state = state.advancedTo("page-1", Optional.empty());
            writer.write(new WriteBatch(List.of(Map.of("id", 1, "name", "Ada"), Map.of("id", 2, "name", "Bob")),
                    List.of(), state, now));
            state = state.advancedTo("page-2", Optional.empty());
            writer.write(new WriteBatch(List.of(Map.of("id", 3, "name", "Cy")), List.of(), state, now));
            holdUntilInputCloses();
        }
    }

    private static void holdUntilInputCloses() throws IOException {
        System.out.println("HELD");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the file until the parent closes our input or kills us
        }
    }
}
