package dev.tributary.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process in the middle of typed batches that each add a column and child rows, then a run that
 * resumes: the file holds exactly the committed batches, each with its column, history row and child rows, no
 * column without its batch, and the next batch adds its column without a duplicate.
 */
class DuckDbTypedCrashTest {

    @TempDir
    Path temp;

    private Process writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.destroyForcibly();
        }
    }

    private Path file() {
        return temp.resolve("shop.duckdb");
    }

    @Test
    void aKilledTypedSyncLeavesExactlyItsCommittedBatchesAndResumes() throws Exception {
        writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                TypedWriterProcess.class.getName(), file().toString())
                .redirectError(temp.resolve("writer-err.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
        String seen = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("COMMITTED 20")) {
                        return line;
                    }
                }
                return "ended early";
            } catch (java.io.IOException e) {
                return "failed: " + e;
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(seen).as("the writer committed 20 batches (its errors: writer-err.txt)").isEqualTo("COMMITTED 20");
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

        int committed;
        try (Destination destination = new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null)) {
            SyncState state = destination.readState(FileHolderProcess.CUSTOMERS).orElseThrow();
            committed = Integer.parseInt(state.position().orElseThrow().substring("page-".length()));
            assertThat(committed).isBetween(20, TypedWriterProcess.BATCHES);
            List<String> expectedColumns = new ArrayList<>();
            for (int i = 1; i <= committed; i++) {
                expectedColumns.add("f" + i);
            }
            assertThat(destination.readLayout(FileHolderProcess.CUSTOMERS).orElseThrow().table().columns())
                    .extracting(Column::name).containsExactlyElementsOf(expectedColumns);
            try (TypedRun resumed = new TypedRun(destination, FileHolderProcess.CUSTOMERS, SyncMode.INCREMENTAL)) {
                TypedWriterProcess.write(resumed, committed + 1);
            }
        }
        int batches = committed + 1;
        assertThat(DuckDbFiles.query(file(), "SELECT count(*), count(DISTINCT id) FROM shop_customers"))
                .containsExactly(batches + "|" + batches);
        assertThat(DuckDbFiles.query(file(), "SELECT count(*) FROM information_schema.columns WHERE table_name ="
                + " 'shop_customers' AND column_name LIKE 'f%'")).containsExactly(String.valueOf(batches));
        assertThat(DuckDbFiles.query(file(), "SELECT count(*), count(DISTINCT \"column\") FROM _tributary_schema"
                + " WHERE \"table\" = 'shop_customers' AND \"change\" = 'ADD_COLUMN'"))
                .containsExactly(batches + "|" + batches);
        assertThat(DuckDbFiles.query(file(), "SELECT count(*) FROM shop_customers WHERE f" + batches + " = 'v"
                + batches + "'")).containsExactly("1");
        assertThat(DuckDbFiles.query(file(), "SELECT count(*), count(DISTINCT _parent_id),"
                + " bool_and(price = 'p' || substr(_parent_id, 2) OR price = 'q' || substr(_parent_id, 2))"
                + " FROM shop_customers__items")).containsExactly((2 * batches) + "|" + batches + "|true");
    }
}
