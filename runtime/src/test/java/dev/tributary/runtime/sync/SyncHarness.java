package dev.tributary.runtime.sync;

import dev.tributary.runtime.FakeClock;
import dev.tributary.runtime.destination.DestinationUrl;
import dev.tributary.runtime.destination.JdbcDestination;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/** A sync engine on a fake clock writing into a real database, with helpers to read the tables back. */
final class SyncHarness {

    final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    final FakeSleeper sleeper = new FakeSleeper(clock);
    final SyncEngine engine = new SyncEngine(clock, sleeper, Backoff.DEFAULT, () -> 0.5);
    final String url;
    private final Properties properties;
    final Destination destination;

    SyncHarness(String url, Properties properties) {
        this(url, properties, destination -> destination);
    }

    /** @param wrap what the harness syncs into, given the destination opened at {@code url} */
    SyncHarness(String url, Properties properties, UnaryOperator<Destination> wrap) {
        this.url = url;
        this.properties = properties;
        this.destination = wrap.apply(JdbcDestination.open(DestinationUrl.parse(url, Optional.empty(),
                name -> null), clock));
    }

    static SyncHarness sqlite(java.nio.file.Path directory) {
        return new SyncHarness("jdbc:sqlite:" + directory.resolve("warehouse.db"), new Properties());
    }

    /** Initialises the connector with this harness's token bucket and runs one sync. */
    SyncResult sync(BaseConnector connector, SyncRequest request, SyncListener listener, CancelHandle cancel) {
        TokenBucket limiter = engine.rateLimiter(request.settings());
        connector.initialize(new SyncConnectorContext(Config.of(Map.of(), ConfigSchema.EMPTY), request.settings(),
                request.dataSourceName(), limiter));
        return engine.sync(connector, destination, request, limiter, listener, cancel);
    }

    static SyncRequest request(String... entities) {
        return new SyncRequest("src", "src", List.of(entities), false,
                Settings.DEFAULTS.withBatchSize(10).withRequestsPerSecond(1000).withBurst(1_000_000));
    }

    /** Rows of a table by primary key (as text): the {@code _record} JSON text. */
    Map<String, String> records(String table) {
        return query("SELECT id, _record FROM " + table + " WHERE _deleted_at IS NULL ORDER BY id");
    }

    /** Ids of rows marked deleted. */
    List<String> deletedIds(String table) {
        return new ArrayList<>(query("SELECT id, _deleted_at FROM " + table + " WHERE _deleted_at IS NOT NULL"
                + " ORDER BY id").keySet());
    }

    /** Runs statements on a connection of its own, as another program sharing the database would. */
    void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(url.replaceFirst("\\?.*$", ""), properties);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every row of a query, each column as text. */
    List<List<String>> rows(String sql) {
        try (Connection connection = DriverManager.getConnection(url.replaceFirst("\\?.*$", ""), properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    Map<String, String> query(String sql) {
        try (Connection connection = DriverManager.getConnection(url.replaceFirst("\\?.*$", ""), properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            Map<String, String> result = new LinkedHashMap<>();
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The ids the source holds, as the text the destination stores. */
    static List<String> ids(ItemSource source) {
        return source.snapshot().keySet().stream().map(String::valueOf).sorted().toList();
    }
}
