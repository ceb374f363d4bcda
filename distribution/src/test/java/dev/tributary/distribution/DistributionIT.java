package dev.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spi.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the assembled distribution's {@code bin/tributary} as a user would, against a copy of the distribution. */
class DistributionIT {

    @TempDir
    Path temp;

    private Path distribution;

    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void copyDistribution() throws IOException {
        distribution = temp.resolve("tributary");
        copyTree(Path.of(System.getProperty("tributary.distribution")), distribution);
    }

    private Run tributary(String... args) throws Exception {
        return tributary(Map.of(), args);
    }

    private Run tributary(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", distribution.resolve("bin/tributary").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--home", temp.resolve("home").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(temp.resolve("out.txt").toFile())
                .redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tributary finished within 60 s").isTrue();
        return new Run(process.exitValue(), Files.readString(temp.resolve("out.txt")),
                Files.readString(temp.resolve("err.txt")));
    }

    @Test
    void shipsOneKafkaConnectPluginFolderWithTheAdapterTheRuntimeAndTheBundledPluginsButNoKafka() throws IOException {
        Path plugin = distribution.resolve("connect/tributary");
        try (Stream<Path> top = Files.list(distribution.resolve("connect"))) {
            assertThat(top.map(path -> path.getFileName().toString())).containsExactly("tributary");
        }
        List<String> lib;
        try (Stream<Path> jars = Files.list(plugin.resolve("lib"))) {
            lib = jars.map(path -> path.getFileName().toString()).sorted().toList();
        }
        assertThat(lib).anyMatch(name -> name.startsWith("connect-adapter-"))
                .anyMatch(name -> name.startsWith("runtime-")).anyMatch(name -> name.startsWith("connector-api-"))
                .anyMatch(name -> name.startsWith("sqlite-jdbc-"))
                .noneMatch(name -> name.startsWith("kafka") || name.startsWith("connect-api")
                        || name.startsWith("connect-runtime") || name.startsWith("slf4j"));
        Path adapter = plugin.resolve("lib").resolve(lib.stream().filter(name -> name.startsWith("connect-adapter-"))
                .findFirst().orElseThrow());
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(adapter.toFile())) {
            assertThat(new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.apache.kafka.connect.source.SourceConnector")).readAllBytes(),
                    StandardCharsets.UTF_8).strip()).isEqualTo("dev.tributary.connect.TributarySourceConnector");
            assertThat(new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.apache.kafka.connect.sink.SinkConnector")).readAllBytes(),
                    StandardCharsets.UTF_8).strip()).isEqualTo("dev.tributary.connect.TributarySinkConnector");
        }
        try (Stream<Path> plugins = Files.list(plugin.resolve("plugins"))) {
            assertThat(plugins.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
                    "connector-sample", "connector-stripe", "connector-close", "connector-graphql",
                    "destination-duckdb");
        }
    }

    @Test
    void printsItsVersion() throws Exception {
        Run run = tributary("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("tributary ").contains("(connector SPI " + SpiVersion.CURRENT + ")");
    }

    @Test
    void reportsACorruptJarAndAJarWithoutServiceEntryAsFailedAndStillListsConnectors() throws Exception {
        Path plugins = distribution.resolve("plugins");
        Files.writeString(plugins.resolve("corrupt.jar"), "this is not a zip file");
        writeJarWithoutServiceEntry(plugins.resolve("no-service.jar"));
        installGoodPlugins(plugins);

        Run pluginsRun = tributary("plugins", "--json");
        Run connectorsRun = tributary("connectors");

        assertThat(pluginsRun.exitCode()).isZero();
        JsonNode reports = new ObjectMapper().readTree(pluginsRun.out());
        assertThat(failure(reports, "corrupt.jar").get("cause").asText()).contains("not a readable jar");
        assertThat(failure(reports, "no-service.jar").get("kind").asText()).isEqualTo("NO_SERVICE_ENTRY");
        assertThat(failure(reports, "no-service.jar").get("cause").asText())
                .contains("META-INF/services/dev.tributary.spi.BaseConnector");
        assertThat(connectorsRun.exitCode()).isZero();
        assertThat(connectorsRun.out()).containsPattern("jackson_new\\s+Jackson new")
                .containsPattern("jackson_old\\s+Jackson old");
    }

    @Test
    void describesAConnectorThatBundlesItsOwnOldJackson() throws Exception {
        installGoodPlugins(distribution.resolve("plugins"));

        Run run = tributary("connectors", "show", "jackson_old", "--json");

        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("description").asText()).contains("Jackson 2.12.");
        assertThat(json.get("plugin").asText()).endsWith("good-jackson-old");
    }

    @Test
    void syncsTwoConnectorsBundlingConflictingJacksonVersionsEachWithItsOwn() throws Exception {
        installGoodPlugins(distribution.resolve("plugins"));
        Path warehouse = temp.resolve("warehouse.db");
        String destination = "jdbc:sqlite:" + warehouse;

        Run oldRun = tributary("sync", "--connector", "jackson_old", "--destination", destination);
        Run newRun = tributary("sync", "--connector", "jackson_new", "--destination", destination);

        assertThat(oldRun.exitCode()).as(oldRun.err()).isZero();
        assertThat(newRun.exitCode()).as(newRun.err()).isZero();
        JsonNode oldRecord = syncedRecord(warehouse, "jackson_old_versions");
        JsonNode newRecord = syncedRecord(warehouse, "jackson_new_versions");
        assertThat(oldRecord.get("jacksonVersion").asText()).startsWith("2.12.");
        assertThat(newRecord.get("jacksonVersion").asText()).startsWith("2.18.");
        for (JsonNode record : List.of(oldRecord, newRecord)) {
            assertThat(record.get("jacksonLoaderIsPlugin").asBoolean()).as("Jackson came from the plugin").isTrue();
            assertThat(record.get("contextLoaderIsPlugin").asBoolean()).as("context class loader").isTrue();
            assertThat(record.get("json").asText()).isEqualTo("{\"answer\":42}");
        }
    }

    private static JsonNode syncedRecord(Path warehouse, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + warehouse);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT _record FROM " + table)) {
            assertThat(rows.next()).as("a row in " + table).isTrue();
            JsonNode record = new ObjectMapper().readTree(rows.getString(1));
            assertThat(rows.next()).as("exactly one row in " + table).isFalse();
            return record;
        }
    }

    @Test
    void anUnknownConnectorExitsWithTheUsageCode() throws Exception {
        Run run = tributary("connectors", "show", "nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no connector with id 'nope'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void logsOneJsonObjectPerLineWithTheSyncsSourceAndEntityAndNoSecret() throws Exception {
        String canary = "sk_test_CANARY_jsonlogs_5513";
        Run run = tributary(Map.of("TRIBUTARY_LOG_FORMAT", "json", "TRIBUTARY_LOG_LEVEL", "INFO"), "sync",
                "--connector", "stripe", "--config", "api_key=" + canary, "--config",
                "api_base_url=http://127.0.0.1:9", "--entity", "customers", "--max-retries", "0");

        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.err().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        assertThat(lines).as(run.err()).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("level").asText()).isNotEmpty();
            assertThat(line.path("loggerName").asText()).isNotEmpty();
            assertThat(line.path("mdc").path("source").asText()).isEqualTo("stripe");
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.path("mdc").path("entity").asText()).isEqualTo("customers");
            assertThat(line.path("formattedMessage").asText()).contains("customers");
        });
        assertThat(run.err()).doesNotContain(canary);
    }

    @Test
    void plainTextLogLinesCarryTheSyncsSourceAndEntity() throws Exception {
        Run run = tributary(Map.of("TRIBUTARY_LOG_LEVEL", "INFO"), "sync", "--connector", "sample", "--config",
                "records=2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("INFO  dev.tributary.sync \\[(source=sample, entity=customers|entity=customers,"
                + " source=sample)\\] - entity 'customers'");
    }

    @Test
    void anUnknownLogFormatExitsTwoNamingTheChoices() throws Exception {
        Run run = tributary(Map.of("TRIBUTARY_LOG_FORMAT", "xml"), "connectors");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("TRIBUTARY_LOG_FORMAT must be one of text, json, not 'xml'");
    }

    /** The README's exit-code table, one row per case, each run through the real {@code bin/tributary}. */
    static Stream<Arguments> exitCodes() {
        return Stream.of(
                Arguments.of(0, "a sync that succeeds", List.of("sync", "--connector", "sample", "--config",
                        "records=3"), "orders done 3/3"),
                Arguments.of(1, "a sync whose entity fails", List.of("sync", "--connector", "stripe", "--config",
                        "api_key=sk_test_exitcodes", "--config", "api_base_url=http://127.0.0.1:9", "--entity",
                        "customers", "--max-retries", "0"), "customers"),
                Arguments.of(2, "a GraphQL query that does not parse", List.of("sync", "--connector", "graphql",
                        "--config-file", "{unparsable-query}"), "queries[0].query"),
                Arguments.of(2, "an unknown connector", List.of("sync", "--connector", "nope"),
                        "no connector with id 'nope'"),
                Arguments.of(2, "an unknown config field", List.of("sync", "--connector", "sample", "--config",
                        "colour=blue"), "is not a field of connector 'sample'"),
                Arguments.of(2, "a malformed --config-file", List.of("sync", "--connector", "sample",
                        "--config-file", "{malformed-json}"), "is not a JSON object"),
                Arguments.of(2, "an unsupported destination URL", List.of("sync", "--connector", "sample",
                        "--destination", "oracle:thin:@db"), "unsupported destination URL scheme 'oracle:'"),
                Arguments.of(2, "a plugins folder that does not exist", List.of("sync", "--connector", "sample",
                        "--plugins", "/nonexistent/plugins"), "does not exist or is not a folder"),
                Arguments.of(2, "an unknown option", List.of("sync", "--connector", "sample", "--colour"),
                        "Unknown option: '--colour'"));
    }

    @ParameterizedTest(name = "exit {0}: {1}")
    @MethodSource("exitCodes")
    void exitsWithTheDocumentedCode(int code, String situation, List<String> arguments, String message)
            throws Exception {
        Path unparsable = Files.writeString(temp.resolve("unparsable.json"), """
                {"endpoint": "http://127.0.0.1:9/graphql",
                 "queries": [{"name": "people", "query": "query { allPeople { id name ", "dataPath": "allPeople"}]}
                """);
        Path malformed = Files.writeString(temp.resolve("malformed.json"), "{\"endpoint\": ");
        String[] args = arguments.stream().map(arg -> arg.replace("{unparsable-query}", unparsable.toString())
                .replace("{malformed-json}", malformed.toString())).toArray(String[]::new);

        Run run = tributary(args);

        assertThat(run.exitCode()).as(situation + "; stderr: " + run.err()).isEqualTo(code);
        assertThat(run.err()).contains(message);
    }

    private static JsonNode failure(JsonNode reports, String name) {
        for (JsonNode report : reports) {
            if (report.get("name").asText().equals(name)) {
                assertThat(report.get("status").asText()).isEqualTo("failed");
                return report.get("failures").get(0);
            }
        }
        throw new AssertionError("no report for " + name + " in " + reports);
    }

    /** The reactor's test plugins: Jackson 2.12 as a folder, Jackson 2.18 as a fat jar. */
    private static void installGoodPlugins(Path plugins) throws IOException {
        Path testPlugins = Path.of(System.getProperty("tributary.testPlugins"));
        copyTree(testPlugins.resolve("good-jackson-old/target/plugin/good-jackson-old"),
                plugins.resolve("good-jackson-old"));
        Files.copy(testPlugins.resolve("good-jackson-new/target/fat/good-jackson-new.jar"),
                plugins.resolve("good-jackson-new.jar"));
    }

    private static void writeJarWithoutServiceEntry(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Tributary-Spi-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("com/example/Readme.txt"));
            out.write("a jar that declares no connector".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
