package dev.tributary.destination.duckdb;

import static dev.tributary.destination.duckdb.TypedRun.row;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.SyncMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A sync process for {@link DuckDbTypedCrashTest}, killed in the middle of its batches: batch {@code i} writes
 * the parent {@code k<i>} with a new column {@code f<i>} (an {@code ADD_COLUMN} in the batch's transaction) and two
 * child rows, and prints {@code COMMITTED <i>} once the batch is committed. Argument: the file.
 */
final class TypedWriterProcess {

    static final int BATCHES = 200;

    private TypedWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (Destination destination = new DuckDbDestinationProvider().open("jdbc:duckdb:" + args[0], name -> null);
                TypedRun run = new TypedRun(destination, FileHolderProcess.CUSTOMERS, SyncMode.INCREMENTAL)) {
            for (int i = 1; i <= BATCHES; i++) {
                write(run, i);
                System.out.println("COMMITTED " + i);
                System.out.flush();
            }
            while (System.in.read() >= 0) {
                // wait to be killed
            }
        }
    }

    /** Batch {@code i}. */
    static void write(TypedRun run, int i) {
        run.write(List.of(row("id", "k" + i, "f" + i, "v" + i)), Map.of("items", List.of(
                row("_parent_id", "k" + i, "_position", 0L, "price", "p" + i),
                row("_parent_id", "k" + i, "_position", 1L, "price", "q" + i))), List.of(),
                Instant.parse("2026-12-01T10:00:00Z"), true);
    }
}
