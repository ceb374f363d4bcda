package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops {@code tributary sync} with exit code 130, keeping what was committed; the next run resumes. */
class SyncInterruptTest {

    @TempDir
    Path home;

    private Process start(Path services, String... extra) throws IOException {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(launcher, "-cp", services + File.pathSeparator
                + System.getProperty("java.class.path"), TributaryCommand.class.getName(), "sync", "--home",
                home.toString(), "--connector", "slow", "--config", "count=150", "--requests-per-second", "50"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command)
                .redirectOutput(home.resolve("out.txt").toFile()).redirectError(home.resolve("err.txt").toFile())
                .start();
    }

    private Path registerSlowConnector() throws IOException {
        Path services = Files.createDirectories(home.resolve("services/META-INF/services"));
        Files.writeString(services.resolve("dev.tributary.spi.BaseConnector"), SlowConnector.class.getName() + "\n");
        return home.resolve("services");
    }

    @Test
    void aConnectorDeafToInterruptsDoesNotHoldUpTheStop() throws Exception {
        Process stuck = start(registerSlowConnector(), "--config", "stall_at=20", "--stop-timeout", "20");
        awaitPosition(stuck, "19");

        stuck.destroy();

        assertThat(stuck.waitFor(10, TimeUnit.SECONDS)).as("stopped without waiting for the stuck fetch").isTrue();
        assertThat(stuck.exitValue()).isEqualTo(130);
        assertThat(Files.readString(home.resolve("err.txt"))).doesNotContain("did not stop within");
        assertThat(rows("slow_ticks__staging")).isEqualTo(19);
    }

    @Test
    void aSyncThatDoesNotStopWithinTheStopTimeoutIsEndedKeepingOnlyWhatWasCommitted() throws Exception {
        Process blocked = start(registerSlowConnector(), "--config", "count=5000", "--stop-timeout", "2");
        awaitPosition(blocked, "5");
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = lock.createStatement()) {
            // The sync's next commit now waits for this write lock, longer than the stop timeout.
            statement.execute("BEGIN EXCLUSIVE");
            long committed;
            try (ResultSet result = statement.executeQuery("SELECT position FROM _tributary_state")) {
                result.next();
                committed = Long.parseLong(result.getString(1));
            }

            // A record arrives every 20 ms; within a second the writer is waiting for the lock with a batch in hand.
            Thread.sleep(1_000);
            assertThat(position()).as("nothing commits while the lock is held").contains(String.valueOf(committed));
            blocked.destroy();

            assertThat(blocked.waitFor(30, TimeUnit.SECONDS)).as("ended after the 2 s stop timeout").isTrue();
            assertThat(blocked.exitValue()).isEqualTo(130);
            assertThat(Files.readString(home.resolve("err.txt"))).contains("did not stop within 2 s (--stop-timeout)");
            statement.execute("ROLLBACK");
            assertThat(rows("slow_ticks__staging")).as("exactly what was committed before the stop").isEqualTo(committed);
            assertThat(position()).contains(String.valueOf(committed));
        }
    }

    private void awaitPosition(Process process, String wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (position().map(Long::parseLong).orElse(0L) < Long.parseLong(wanted) && Instant.now().isBefore(deadline)
                && process.isAlive()) {
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        assertThat(position().map(Long::parseLong).orElse(0L)).as("committed at least up to " + wanted)
                .isGreaterThanOrEqualTo(Long.parseLong(wanted));
    }

    @Test
    void sigtermExitsWith130AndTheNextRunResumes() throws Exception {
        Path classpathEntry = registerSlowConnector();

        Process first = start(classpathEntry);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (position().isEmpty() && Instant.now().isBefore(deadline) && first.isAlive()) {
            first.waitFor(50, TimeUnit.MILLISECONDS);
        }
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(first.exitValue()).as(Files.readString(home.resolve("err.txt"))).isEqualTo(130);
        long committed = Long.parseLong(position().orElseThrow());
        assertThat(committed).isBetween(1L, 149L);
        assertThat(rows("slow_ticks__staging")).isEqualTo(committed);

        Process second = start(classpathEntry);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(home.resolve("err.txt"))).isZero();
        assertThat(rows("slow_ticks")).isEqualTo(150);
        assertThat(Files.readString(home.resolve("out.txt"))).containsPattern("ticks\\s+done\\s+" + (150 - committed));
    }

    private Optional<String> position() throws SQLException {
        if (!Files.exists(home.resolve("warehouse.db"))) {
            return Optional.empty();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT position FROM _tributary_state")) {
            return result.next() ? Optional.ofNullable(result.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            // The child has not created the state table yet.
            return Optional.empty();
        }
    }

    private long rows(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
