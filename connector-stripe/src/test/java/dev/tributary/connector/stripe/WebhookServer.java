package dev.tributary.connector.stripe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.ApiServer;
import dev.tributary.runtime.server.TokenAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The runtime and its API server on loopback over a home folder, with the Stripe connector found on the class path,
 * and what the tests need around them: posting deliveries, reading the SQLite warehouse, capturing the log.
 */
final class WebhookServer implements AutoCloseable {

    static final String TOKEN = "test-token-0123456789abcdef";

    final Tributary tributary;
    final ApiServer server;
    private final Path home;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    WebhookServer(Path home, UnaryOperator<ApiServer.Builder> options) {
        this.home = home;
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        tributary = Tributary.builder().home(home).environment(environment::get).build();
        server = options.apply(ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN))))
                .tributary(tributary).scheduleCheckPeriod(Duration.ZERO)).start();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    /** Posts a delivery to {@code /webhooks/<source>} with the given headers (name, value, name, value ...). */
    HttpResponse<String> post(String source, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("webhooks/" + source))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /api/...} with the token. */
    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri() {
        return server.uri();
    }

    /** The rows of a table of the default warehouse, by column; empty when the table does not exist. */
    List<Map<String, Object>> rows(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("warehouse.db"));
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
                if (!exists.next()) {
                    return List.of();
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        row.put(result.getMetaData().getColumnLabel(i), result.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Every log line so far, formatted. */
    List<String> logLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        server.close();
        tributary.close();
    }
}
