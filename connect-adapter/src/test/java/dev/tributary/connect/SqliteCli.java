package dev.tributary.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Queries a SQLite file from a separate process, the {@code sqlite3} command-line shell opened read-only: no
 * second copy of SQLite in this JVM touches the file (see docs/kafka-connect.md, "Sink start-up race").
 */
final class SqliteCli {

    private SqliteCli() {
    }

    /** The output lines of {@code query} (columns separated by {@code |}). */
    static List<String> query(Path file, String query) {
        ProcessBuilder builder = new ProcessBuilder("sqlite3", "-readonly", file.toString(), query)
                .redirectErrorStream(true);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("sqlite3 failed on " + file + " (" + query + "): " + output);
            }
            return output.lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run sqlite3 (" + e.getMessage() + "): install the SQLite "
                    + "command-line shell (apt-get install sqlite3) to run this benchmark", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying " + file, e);
        }
    }

    /** The single number {@code query} returns. */
    static long number(Path file, String query) {
        return Long.parseLong(query(file, query).get(0).strip());
    }
}
