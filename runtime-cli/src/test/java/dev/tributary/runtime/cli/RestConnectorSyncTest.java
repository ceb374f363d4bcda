package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary sync --connector rest --config-file F} end to end: the bundled rest plugin folder (built by
 * connector-rest) in the plugins folder, a JSON or YAML document, a loopback API paging by Link header, a SQLite
 * destination; a broken document exits 2 naming the key and its location.
 */
class RestConnectorSyncTest {

    private static final int TICKETS = 25;

    @TempDir
    Path home;

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        Path plugin = Path.of(System.getProperty("tributary.restPlugin"));
        Path target = Files.createDirectories(home.resolve("plugins").resolve("connector-rest"));
        try (Stream<Path> jars = Files.list(plugin)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, target.resolve(jar.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("connector-rest's plugin folder missing at " + plugin
                    + "; build with mvn package -pl runtime-cli -am", e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/tickets", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            int page = query == null ? 1 : Integer.parseInt(query.replaceAll(".*page=(\\d+).*", "$1"));
            StringBuilder body = new StringBuilder("[");
            for (int id = page * 10 - 9; id <= Math.min(page * 10, TICKETS); id++) {
                body.append(body.length() > 1 ? "," : "").append("{\"id\":").append(id)
                        .append(",\"title\":\"ticket ").append(id).append("\"}");
            }
            if (page * 10 < TICKETS) {
                exchange.getResponseHeaders().add("Link", "<" + url() + "/tickets?page=" + (page + 1)
                        + ">; rel=\"next\"");
            }
            byte[] bytes = body.append("]").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    private Cli sync(Path config) {
        return Cli.run("sync", "--home", home.toString(), "--connector", "rest", "--config-file", config.toString(),
                "--destination", "jdbc:sqlite:" + home.resolve("out.db"));
    }

    private int rows(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("out.db"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(DISTINCT id) FROM " + table)) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void aJsonDocumentSyncsEveryPageIntoSqlite() throws Exception {
        Path config = Files.writeString(home.resolve("tickets.json"), "{\"base_url\": \"" + url() + "\", "
                + "\"resources\": [{\"name\": \"tickets\", \"path\": \"/tickets\", "
                + "\"paginator\": {\"type\": \"link_header\"}}]}");

        Cli cli = sync(config);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).containsPattern("tickets\\s+done\\s+" + TICKETS);
        assertThat(rows("rest_tickets")).isEqualTo(TICKETS);
    }

    @Test
    void aYamlDocumentSyncsTheSame() throws Exception {
        Path config = Files.writeString(home.resolve("tickets.yaml"), "base_url: " + url() + "\n"
                + "resources:\n  - name: tickets\n    path: /tickets\n    paginator:\n      type: link_header\n");

        Cli cli = sync(config);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(rows("rest_tickets")).isEqualTo(TICKETS);
    }

    @Test
    void aBrokenDocumentExitsTwoNamingTheKeyAndItsLocation() throws Exception {
        Path config = Files.writeString(home.resolve("broken.yaml"), "base_url: " + url() + "\n"
                + "resources:\n  - name: tickets\n    path: /tickets\n    pagnator:\n      type: link_header\n"
                + "  - name: users\n    path: /users\n    paginator:\n      type: cursor\n");

        Cli cli = sync(config);

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("resources[0].pagnator").contains("is not a known key")
                .contains("resources[1].paginator.cursor_param");
        assertThat(server.getAddress()).isNotNull();
    }
}
