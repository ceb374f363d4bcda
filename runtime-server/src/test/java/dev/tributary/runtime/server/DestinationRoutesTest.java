package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.runtime.Tributary;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
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
}
