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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops {@code tributary sync} with exit code 130, keeping what was committed; the next run resumes. */
class SyncInterruptTest {

    @TempDir
    Path home;

    private Process start(Path services) throws IOException {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(launcher, "-cp", services + File.pathSeparator
                + System.getProperty("java.class.path"), TributaryCommand.class.getName(), "sync", "--home",
                home.toString(), "--connector", "slow", "--config", "count=150", "--requests-per-second", "50")
                .redirectOutput(home.resolve("out.txt").toFile()).redirectError(home.resolve("err.txt").toFile())
                .start();
    }

    @Test
    void sigtermExitsWith130AndTheNextRunResumes() throws Exception {
        Path services = Files.createDirectories(home.resolve("services/META-INF/services"));
        Files.writeString(services.resolve("dev.tributary.spi.BaseConnector"), SlowConnector.class.getName() + "\n");
        Path classpathEntry = home.resolve("services");

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
