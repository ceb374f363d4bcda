package dev.tributary.destination.duckdb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.destination.support.SchemaHistory;
import dev.tributary.destination.support.StateTable;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One DuckDB database file. Opening it takes DuckDB's file lock, held through one connection until {@link #close()}:
 * DuckDB lets one process at a time open a file for writing, so a second writer fails at once, with a message that
 * names the file and the process holding it, instead of midway through a sync. Every writer and read works on its
 * own duplicate of that connection (the same database instance).
 *
 * <p>Thread-safe. Transactions that change tables or state run one at a time per file in the process (a lock shared
 * by every instance on the file), so that writers of several entities and webhook events never meet DuckDB's
 * write-write conflicts; a writer serialises its records to JSON before taking it.
 */
final class DuckDbDestination implements Destination {

    /**
     * How much write-ahead log DuckDB gathers before it checkpoints into the file. DuckDB's default (16 MB) makes it
     * checkpoint every few batches, and a checkpoint costs more as the table grows: measured with 1 KB records and
     * 1,000 per transaction, 256 MB writes about 1.9x as fast (47,700 against 25,600 records/s for 500,000
     * records), and 1 GB no faster than the default because the whole log is checkpointed at close.
     */
    static final String CHECKPOINT_THRESHOLD = "256MB";

    private static final Pattern LOCK_HOLDER = Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)");

    private final DuckDbUrl url;
    private final DuckDBConnection anchor;
    /**
     * One lock per database file for the whole process: DuckDB shares one database instance between every connection
     * to a file in a process, so two destination instances on one file (the API server's webhook destination and a
     * sync's) would otherwise meet DuckDB's write-write conflicts. Entries stay for the life of the process.
     */
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock transactions;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final EventApplier events;

    private DuckDbDestination(DuckDbUrl url, DuckDBConnection anchor, Clock clock) {
        this.url = url;
        this.anchor = anchor;
        this.clock = clock;
        this.transactions = LOCKS.computeIfAbsent(url.file(), file -> new ReentrantLock());
        this.events = new EventApplier(this, json);
    }

    /**
     * Opens the file for writing (creating it and its directory when missing) and creates the state table.
     *
     * @throws DestinationException naming the file and what to do when it is a directory, cannot be created, is not
     *     a DuckDB database, or is held by another process
     */
    static DuckDbDestination open(DuckDbUrl url, Clock clock) {
        Path file = url.file();
        if (Files.isDirectory(file)) {
            throw new DestinationException("DuckDB destination " + file + " is a directory; name a database file,"
                    + " e.g. jdbc:duckdb:" + file.resolve("warehouse.duckdb"));
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new DestinationException("cannot create the directory of DuckDB file " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check the path and its permissions");
        }
        if (!Files.isWritable(file.getParent()) || Files.exists(file) && !Files.isWritable(file)) {
            throw new DestinationException("DuckDB file " + file + " is not writable; check its permissions and"
                    + " those of " + file.getParent());
        }
        DuckDBConnection anchor;
        try {
            anchor = (DuckDBConnection) new DuckDBDriver().connect(url.jdbcUrl(), new Properties());
        } catch (SQLException e) {
            throw cannotOpen(file, e);
        }
        DuckDbDestination destination = new DuckDbDestination(url, anchor, clock);
        try {
            try (Statement statement = anchor.createStatement()) {
                // Set on the open database rather than as a connect property: other connections to the same file
                // in this process (an embedding application's reader) must open with DuckDB's defaults.
                statement.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
            }
            destination.inTransaction(anchor, () -> {
                DuckDbMetadata.STATE.create(anchor);
                DuckDbMetadata.HISTORY.create(anchor);
                DuckDbMetadata.EVENTS.create(anchor);
            });
        } catch (SQLException e) {
            destination.close();
            throw new DestinationException("cannot create " + StateTable.NAME + ", " + SchemaHistory.NAME + " and the"
                    + " event tables in DuckDB file " + file + ": " + e.getMessage(), e);
        }
        return destination;
    }

    /** The error for a file DuckDB refused to open; no cause is kept when the message says it all. */
    static DestinationException cannotOpen(Path file, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Could not set lock on file")) {
            Matcher holder = LOCK_HOLDER.matcher(message);
            String who = holder.find() ? "process " + holder.group(2) + " (" + holder.group(1) + ")"
                    : "another process";
            return new DestinationException("DuckDB file " + file + " is in use by " + who + "; DuckDB lets one"
                    + " process at a time open a file for writing. Close the other process (another sync, a duckdb"
                    + " CLI or a Python session using this file) and run again, or sync into another file.");
        }
        if (message.contains("not a valid DuckDB database file")) {
            return new DestinationException("DuckDB destination " + file + " exists but is not a DuckDB database;"
                    + " name a new file or an existing DuckDB database");
        }
        return new DestinationException("cannot open DuckDB file " + file + ": " + message, e);
    }

    @Override
    public String describe() {
        return "DuckDB file " + url.file();
    }

    /**
     * 4,000: DuckDB's cost is mostly per transaction (merge statement, write-ahead log), so the runtime merges the
     * batches waiting for this writer. Measured with 1 KB records: 12,119 records/s at 100 per transaction, 47,711
     * at 1,000, 58,856 at 4,000.
     */
    @Override
    public int preferredRecordsPerTransaction() {
        return 4_000;
    }

    @Override
    public Optional<SyncState> readState(EntityTable table) {
        try (Connection connection = connect()) {
            return DuckDbMetadata.STATE.read(connection, table.prefix(), table.entity());
        } catch (SQLException e) {
            throw new DestinationException("cannot read the sync state of entity '" + table.entity() + "' from "
                    + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public EntityWriter openWriter(EntityTable table, SyncState state) {
        EntityTables tables = EntityTables.of(table);
        DuckDBConnection connection = null;
        TypedTables typed = null;
        try {
            connection = connect();
            typed = new TypedTables(connection, table, state.mode());
            TypedTables prepared = typed;
            inTransaction(connection, () -> prepared.prepare(state, clock.instant()));
            try (Statement statement = connection.createStatement()) {
                statement.execute(tables.createBatchTable());
            }
            return new DuckDbEntityWriter(this, connection, tables, table, state.mode(), json, clock, typed);
        } catch (SQLException | RuntimeException e) {
            if (typed != null) {
                typed.close();
            }
            closeQuietly(connection);
            throw new DestinationException("cannot prepare table " + tables.live() + " in " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Typed tables from each batch's {@link dev.tributary.spi.destination.TypedWrite}; see {@link TypedTables}. */
    @Override
    public boolean typedTables() {
        return true;
    }

    /** The layout recorded in {@code _tributary_schema}, cut to the live tables' columns. */
    @Override
    public Optional<EntityLayout> readLayout(EntityTable table) {
        try (Connection connection = connect()) {
            return TypedTables.readLayout(connection, table);
        } catch (SQLException e) {
            throw new DestinationException("cannot read the typed layout of entity '" + table.entity() + "' from "
                    + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Applies a source event in one transaction; see {@link EventApplier}. */
    @Override
    public EventApplied applyEvent(EventWrite event) {
        try {
            return events.apply(event);
        } catch (SQLException | RuntimeException e) {
            throw new DestinationException("cannot apply event " + event.eventId() + " in " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A new connection to the open database; the caller closes it. */
    DuckDBConnection connect() throws SQLException {
        synchronized (anchor) {
            return anchor.duplicate();
        }
    }

    /** Work that throws {@link SQLException}. */
    interface SqlWork {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on {@code connection}, one such transaction at a time for this
     * destination; rolls back when it throws. The connection is in auto-commit mode before and after.
     */
    void inTransaction(Connection connection, SqlWork work) throws SQLException {
        transactions.lock();
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } finally {
            transactions.unlock();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; nothing of the transaction was committed.
        }
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing discards any pending transaction anyway.
        }
    }

    /** Closes the connection holding the file; DuckDB checkpoints and releases the lock once writers are closed. */
    @Override
    public void close() {
        synchronized (anchor) {
            closeQuietly(anchor);
        }
    }
}
