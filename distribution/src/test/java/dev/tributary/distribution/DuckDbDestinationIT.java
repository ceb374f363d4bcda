package dev.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.runtime.SyncJob;
import dev.tributary.runtime.Tributary;
import dev.tributary.destination.support.StateTable;
import dev.tributary.runtime.plugin.PluginReport;
import dev.tributary.runtime.plugin.isolation.PluginClassLoader;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.SyncResult;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB destination as the distribution ships it: a plugin folder in {@code plugins/destination-duckdb/},
 * loaded in its own class loader, used through the embedding API and the {@code tributary} command; the files it
 * writes are read back with the DuckDB JDBC driver.
 */
class DuckDbDestinationIT {

    @TempDir
    Path temp;

    private final Path distribution = Path.of(System.getProperty("tributary.distribution"));

    private record Run(int exitCode, String out, String err) {
    }

    private Run tributary(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", distribution.resolve("bin/tributary").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--home", temp.resolve("home").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
                .redirectOutput(temp.resolve("out.txt").toFile())
                .redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("tributary finished within 120 s").isTrue();
        return new Run(process.exitValue(), Files.readString(temp.resolve("out.txt")),
                Files.readString(temp.resolve("err.txt")));
    }

    private static List<String> query(Path file, String sql) throws SQLException {
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    columns.add(rows.getString(i));
                }
                result.add(String.join("|", columns));
            }
            return result;
        }
    }

    @Test
    void theEmbeddingApiLoadsDuckDbFromThePluginsFolderAndSyncsIntoAFile() throws Exception {
        Path file = temp.resolve("shop.duckdb");
        try (Tributary tributary = Tributary.builder().home(temp.resolve("home"))
                .pluginsDir(distribution.resolve("plugins")).classpathDiscovery(false).build()) {
            assertThat(tributary.plugins()).filteredOn(report -> report.location().name().equals("destination-duckdb"))
                    .singleElement().extracting(PluginReport::destinationIds).isEqualTo(List.of("duckdb"));
            assertThat(tributary.destinations().installed())
                    .filteredOn(destination -> destination.metadata().id().equals("duckdb"))
                    .singleElement().satisfies(destination -> {
                        assertThat(destination.metadata().urlForms()).containsExactly("jdbc:duckdb:/path/file.duckdb");
                        assertThat(destination.plugin()).hasValueSatisfying(
                                plugin -> assertThat(plugin).contains("destination-duckdb"));
                    });
            for (int run = 0; run < 2; run++) {
                SyncResult result = tributary.sync(SyncJob.builder("sample").config(Map.of("records", "250"))
                        .destination("jdbc:duckdb:" + file).build());

                assertThat(result.succeeded()).as(result.toString()).isTrue();
                assertThat(result.entities()).extracting(EntityResult::entity).containsExactlyInAnyOrder(
                        "customers", "orders");
            }
        }

        assertThat(query(file, "SELECT count(*), count(DISTINCT id), min(_data_source), count(_deleted_at)"
                + " FROM sample_customers")).as("upserted on the primary key across two runs")
                .containsExactly("250|250|sample|0");
        assertThat(query(file, "SELECT count(*) FROM sample_orders")).containsExactly("250");
        assertThat(query(file, "SELECT count(*) FROM sample_customers WHERE _record->>'id' IS NULL"))
                .containsExactly("0");
        assertThat(query(file, "SELECT count(email), count(DISTINCT country) > 0 FROM sample_customers"))
                .as("typed columns of the declared fields").containsExactly("250|true");
        assertThat(query(file, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name ="
                + " 'sample_orders' AND column_name IN ('amount', 'created') ORDER BY column_name"))
                .containsExactly("amount|BIGINT", "created|TIMESTAMP WITH TIME ZONE");
        assertThat(query(file, "SELECT entity, mode, finished FROM _tributary_state ORDER BY entity"))
                .containsExactly("customers|INCREMENTAL|1", "orders|INCREMENTAL|1");
    }

    @Test
    void theCommandLineListsDuckDbAndSyncsIntoARelativeFile() throws Exception {
        Run destinations = tributary("destinations");
        Run sync = tributary("sync", "--connector", "sample", "--config", "records=40", "--destination",
                "jdbc:duckdb:shop.duckdb");

        assertThat(destinations.exitCode()).as(destinations.err()).isZero();
        assertThat(destinations.out()).contains("duckdb").contains("DuckDB").contains("jdbc:duckdb:/path/file.duckdb");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(query(temp.resolve("shop.duckdb"), "SELECT count(*) FROM sample_customers"))
                .as("the relative path resolved against the working directory").containsExactly("40");
    }

    @Test
    void aSyncIntoAFileAnotherProcessHoldsFailsNamingTheFileWithoutAStackTrace() throws Exception {
        Path file = temp.resolve("held.duckdb");
        try (Connection holder = new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties())) {
            Run sync = tributary("sync", "--connector", "sample", "--config", "records=10", "--destination",
                    "jdbc:duckdb:" + file);

            assertThat(sync.exitCode()).isNotZero();
            assertThat(sync.err()).contains("DuckDB file " + file + " is in use by process "
                    + ProcessHandle.current().pid()).contains("Close the other process");
            assertThat(sync.err()).doesNotContain("\tat ").doesNotContain("SQLException");
        }
        assertThat(query(file, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'sample_customers'"))
                .as("nothing was written").containsExactly("0");
    }

    @Test
    void thePluginLoadsItsOwnCopyOfDestinationSupportAndSeesNoRuntimeClass() throws Exception {
        Path folder = distribution.resolve("plugins/destination-duckdb");
        List<URL> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().map(this::url).toList();
        }
        assertThat(jars).extracting(URL::getPath).anySatisfy(jar -> assertThat(jar).contains("destination-support-"));
        try (PluginClassLoader loader = new PluginClassLoader("destination-duckdb", jars,
                DuckDbDestinationIT.class.getClassLoader(), List.of("dev.tributary.spi.", "org.slf4j."))) {
            Class<?> metadata = Class.forName("dev.tributary.destination.duckdb.DuckDbMetadata", true, loader);
            Class<?> stateTable = metadata.getDeclaredField("STATE").getType();

            assertThat(stateTable.getName()).isEqualTo(StateTable.class.getName());
            assertThat(stateTable.getClassLoader()).as("the plugin's own copy, from its folder").isSameAs(loader);
            assertThat(stateTable).isNotSameAs(StateTable.class);
            assertThat(StateTable.class.getClassLoader()).isNotSameAs(loader);
            assertThatThrownBy(() -> loader.loadClass("dev.tributary.runtime.Tributary"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("dev.tributary.runtime.destination.JdbcDestination"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    private URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }
}
