package dev.tributary.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB lets one process at a time open a file for writing: a second process gets a clear error naming the file
 * and the holder, and the file stays intact, also when the holder is killed in the middle of a sync.
 */
class DuckDbSecondWriterTest {

    @TempDir
    Path temp;

    private Process holder;

    private Path file() {
        return temp.resolve("shop.duckdb");
    }

    private Process hold(String kind) throws Exception {
        // The driver unpacks its native library into java.io.tmpdir; a killed holder would leave it behind there.
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                FileHolderProcess.class.getName(), file().toString(), kind)
                .redirectError(temp.resolve("holder-err.txt").toFile());
        holder = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return "failed: " + e;
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("the holder process is ready (its errors: holder-err.txt)").isEqualTo("HELD");
        return holder;
    }

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private void assertRefusedNamingTheFileAndTheHolder(Process other) {
        assertThatThrownBy(() -> new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("DuckDB file " + file() + " is in use by process " + other.pid())
                .hasMessageContaining("one process at a time")
                .hasMessageContaining("Close the other process")
                .hasNoCause();
    }

    @Test
    void aSecondWriterIsRefusedNamingTheFileAndTheKilledHoldersCommittedBatchesSurvive() throws Exception {
        Process other = hold("writer");

        assertRefusedNamingTheFileAndTheHolder(other);

        other.destroyForcibly();
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (Destination destination = new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null)) {
            assertThat(destination.readState(FileHolderProcess.CUSTOMERS)).contains(
                    SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty())
                            .advancedTo("page-2", Optional.empty()));
        }
        assertThat(DuckDbFiles.query(file(), "SELECT id, _record->>'name' FROM shop_customers ORDER BY id"))
                .containsExactly("1|Ada", "2|Bob", "3|Cy");
    }

    @Test
    void aReaderHoldingTheFileInAnotherProcessIsNamedToo() throws Exception {
        new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null).close();
        Process other = hold("reader");

        assertRefusedNamingTheFileAndTheHolder(other);

        other.getOutputStream().close();
        assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        new DuckDbDestinationProvider().open("jdbc:duckdb:" + file(), name -> null).close();
    }
}
