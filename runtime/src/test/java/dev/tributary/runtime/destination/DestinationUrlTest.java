package dev.tributary.runtime.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.DestinationException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationUrlTest {

    private static final String CANARY = "canary-s3cr3t-7781";

    @TempDir
    Path directory;

    @Test
    void postgresCredentialsMoveToPropertiesAndNeverShow() {
        DestinationUrl url = DestinationUrl.parse("jdbc:postgresql://db.example:5433/warehouse?user=sync&password="
                + CANARY + "&schema=Raw-Data&sslmode=require", Optional.empty(), name -> null);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/warehouse");
        assertThat(url.properties()).containsEntry("user", "sync").containsEntry("password", CANARY)
                .containsEntry("sslmode", "require");
        assertThat(url.schema()).contains("raw_data");
        assertThat(url.describe()).doesNotContain(CANARY).contains("schema raw_data");
        assertThat(url.toString()).doesNotContain(CANARY);
    }

    @Test
    void postgresPasswordComesFromPgpasswordWhenTheUrlHasNone() {
        DestinationUrl url = DestinationUrl.parse("jdbc:postgresql://localhost/warehouse?user=sync",
                Optional.of("override"), Map.of("PGPASSWORD", CANARY)::get);

        assertThat(url.properties()).containsEntry("password", CANARY);
        assertThat(url.schema()).contains("override");
    }

    @Test
    void sqliteUrlNamesAFileAndRejectsSchemas() {
        DestinationUrl url = DestinationUrl.parse("jdbc:sqlite:" + directory.resolve("w.db"), Optional.empty(),
                name -> null);

        assertThat(url.file()).contains(directory.resolve("w.db").toAbsolutePath());
        assertThat(url.properties()).containsEntry("journal_mode", "WAL").containsEntry("busy_timeout", "60000");
        assertThatThrownBy(() -> DestinationUrl.parse("jdbc:sqlite:/tmp/w.db", Optional.of("raw"), name -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no schemas");
    }

    @Test
    void unsupportedSchemeIsNamedWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> DestinationUrl.parse("mysql://root:" + CANARY + "@localhost/db", Optional.empty(),
                name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported destination URL scheme 'mysql:'")
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageNotContaining(CANARY);
        assertThatThrownBy(() -> DestinationUrl.parse("jdbc:sqlite:", Optional.empty(), name -> null))
                .hasMessageContaining("needs a file path");
    }

    @Test
    void defaultUrlIsTheWarehouseFileUnderTheHome() {
        assertThat(DestinationUrl.defaultUrl(directory)).isEqualTo("jdbc:sqlite:" + directory.resolve("warehouse.db"));
    }

    @Test
    void unreachableDatabaseFailsFastNamingItWithoutCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DestinationUrl url = DestinationUrl.parse("jdbc:postgresql://127.0.0.1:" + closedPort
                + "/warehouse?user=sync&password=" + CANARY, Optional.empty(), name -> null);

        assertThatThrownBy(() -> JdbcDestination.open(url, Clock.systemUTC()))
                .isInstanceOf(DestinationException.class)
                .hasMessageContaining("cannot open destination jdbc:postgresql://127.0.0.1:" + closedPort)
                .hasMessageContaining("cannot connect to PostgreSQL")
                .hasMessageNotContaining(CANARY);
    }

    @Test
    void sqliteDestinationCreatesItsDirectory() {
        Path file = directory.resolve("nested/home/warehouse.db");

        try (JdbcDestination destination = JdbcDestination.open(
                DestinationUrl.parse("jdbc:sqlite:" + file, Optional.empty(), name -> null), Clock.systemUTC())) {
            assertThat(destination.describe()).isEqualTo("jdbc:sqlite:" + file);
        }
        assertThat(file).exists();
    }
}
