package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.runtime.Tributary;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiDocumentTest {

    private static final String TOKEN = "openapi-token-0123456789";

    @TempDir
    Path home;

    private Tributary tributary;
    private ApiServer server;
    private JsonNode paths;

    @BeforeEach
    void start() {
        tributary = TestServers.tributary(home);
        server = TestServers.start(TOKEN, tributary);
        HttpResponse<String> response = new ApiClient(server.uri(), Optional.of(TOKEN)).get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        paths = json(response).path("paths");
    }

    @AfterEach
    void stop() {
        server.close();
        tributary.close();
    }

    @Test
    void documentsEveryRegisteredRoute() {
        assertThat(server.routes()).hasSizeGreaterThan(2).allSatisfy(route -> assertThat(
                paths.path(route.path()).has(route.method().toLowerCase(Locale.ROOT)))
                .as("openapi.json documents %s %s", route.method(), route.path())
                .isTrue());
    }

    @Test
    void documentsNoRouteThatIsNotServed() {
        List<ApiRoutes.Route> served = server.routes();

        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                assertThat(served).as("served routes").contains(
                        new ApiRoutes.Route(method.toUpperCase(Locale.ROOT), path.getKey()))));
    }
}
