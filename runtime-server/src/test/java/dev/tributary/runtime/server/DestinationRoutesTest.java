package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.runtime.Tributary;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationRoutesTest {

    private static final String TOKEN = "destination-token-0123456789";

    @TempDir
    Path home;

    private Tributary tributary;
    private ApiServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        tributary = Tributary.builder().home(home).build();
        server = TestServers.start(TOKEN, tributary);
        client = new ApiClient(server.uri(), Optional.of(TOKEN));
    }

    @AfterEach
    void stop() {
        server.close();
        tributary.close();
    }

    @Test
    void listsTheBuiltInDestinationFirstWithItsUrlForms() {
        HttpResponse<String> response = client.get("/api/destinations");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode first = json(response).path("destinations").get(0);
        assertThat(first.path("id").asText()).isEqualTo("jdbc");
        assertThat(first.path("builtIn").asBoolean()).isTrue();
        assertThat(first.path("urlForms")).extracting(JsonNode::asText)
                .containsExactly("jdbc:sqlite:/path/file.db", "jdbc:postgresql://host:port/database");
    }

    @Test
    void aDestinationPluginDroppedIntoTheRunningServersPluginsFolderIsListedWithItsPlugin() throws Exception {
        Path pluginsHome = home.resolve("watched");
        Path plugins = Files.createDirectories(pluginsHome.resolve("plugins"));
        try (Tributary watching = Tributary.builder().home(pluginsHome).watchPlugins(true).build();
                ApiServer watched = TestServers.start(TOKEN, watching)) {
            ApiClient api = new ApiClient(watched.uri(), Optional.of(TOKEN));
            assertThat(ids(api)).doesNotContain("jsonfile");

            Path staged = copyPlugin("good-destination", Files.createDirectories(home.resolve("staging")));
            Path plugin = Files.move(staged, plugins.resolve("jsonfile"), StandardCopyOption.ATOMIC_MOVE);

            Instant deadline = Instant.now().plusSeconds(20);
            while (!ids(api).contains("jsonfile") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            JsonNode jsonfile = StreamSupport.stream(json(api.get("/api/destinations")).path("destinations")
                    .spliterator(), false).filter(node -> node.path("id").asText().equals("jsonfile")).findFirst()
                    .orElseThrow(() -> new AssertionError("jsonfile not listed within 20 s"));
            assertThat(jsonfile.path("urlForms")).extracting(JsonNode::asText).containsExactly("jsonfile:DIRECTORY");
            assertThat(jsonfile.path("builtIn").asBoolean()).isFalse();
            assertThat(jsonfile.path("plugin").asText()).contains(plugin.toString());
            JsonNode report = StreamSupport.stream(json(api.get("/api/plugins")).path("plugins").spliterator(), false)
                    .filter(node -> node.path("name").asText().equals("jsonfile")).findFirst().orElseThrow();
            assertThat(report.path("destinations")).extracting(JsonNode::asText).containsExactly("jsonfile");
        }
    }

    private static List<String> ids(ApiClient api) {
        return StreamSupport.stream(json(api.get("/api/destinations")).path("destinations").spliterator(), false)
                .map(node -> node.path("id").asText()).toList();
    }

    private static Path copyPlugin(String module, Path into) throws Exception {
        Path source = Path.of(System.getProperty("tributary.testPlugins"), module, "target/plugin", module);
        Path target = Files.createDirectories(into.resolve(module));
        try (Stream<Path> jars = Files.list(source)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, target.resolve(jar.getFileName()));
            }
        }
        return target;
    }
}
