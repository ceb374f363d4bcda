package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities syncing into one SQLite file share its single write lock: a writer waiting for its next page must not
 * hold it, or the other entities could not write until it ended.
 */
class SqliteConcurrentWritersTest {

    @TempDir
    Path directory;

    private static WriteBatch batch(String id, String position) {
        SyncState state = SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty())
                .advancedTo(position, Optional.empty());
        return new WriteBatch(List.of(Map.of("id", id)), List.of(), state, Instant.parse("2026-12-06T19:00:00Z"));
    }

    private static EntityTable table(String entity) {
        return new EntityTable("src", entity, List.of("id"), "src");
    }

    private static SyncState start() {
        return SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty());
    }

    @Test
    void aWriterBetweenBatchesLeavesTheLockToAnotherEntitysWriter() throws Exception {
        Path file = directory.resolve("warehouse.db");
        try (JdbcDestination destination = JdbcDestination.open(
                DestinationUrl.parse("jdbc:sqlite:" + file, Optional.empty(), name -> null), Clock.systemUTC())) {
            EntityWriter leads = destination.openWriter(table("leads"), start());
            EntityWriter contacts = destination.openWriter(table("contacts"), start());
            try {
                leads.write(batch("lead_1", "1"));

                // Before the fix this waited for the 60 s busy timeout: the leads writer kept the lock.
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> contacts.write(
                        batch("cont_1", "1")));
                other.get(20, TimeUnit.SECONDS);
                leads.write(batch("lead_2", "2"));
            } finally {
                leads.close();
                contacts.close();
            }
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet counts = statement.executeQuery(
                        "SELECT (SELECT count(*) FROM src_leads), (SELECT count(*) FROM src_contacts)")) {
            counts.next();
            assertThat(counts.getInt(1)).isEqualTo(2);
            assertThat(counts.getInt(2)).isEqualTo(1);
        }
    }
}
