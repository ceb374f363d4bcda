package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final String TOKEN = "openapi-token-0123456789";

    @Test
    void documentsEveryRegisteredRoute() {
        try (ApiServer server = TestServers.full(TOKEN)) {
            HttpResponse<String> response = new ApiClient(server.uri(), Optional.of(TOKEN)).get("/api/openapi.json");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode paths = json(response).path("paths");
            assertThat(server.routes()).isNotEmpty().allSatisfy(route -> assertThat(
                    paths.path(route.path()).has(route.method().toLowerCase(Locale.ROOT)))
                    .as("openapi.json documents %s %s", route.method(), route.path())
                    .isTrue());
        }
    }

    @Test
    void documentsNoRouteThatIsNotServed() {
        try (ApiServer server = TestServers.full(TOKEN)) {
            JsonNode paths = json(new ApiClient(server.uri(), Optional.of(TOKEN)).get("/api/openapi.json"))
                    .path("paths");
            List<ApiRoutes.Route> served = server.routes();

            paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                    assertThat(served).as("served routes").contains(
                            new ApiRoutes.Route(method.toUpperCase(Locale.ROOT), path.getKey()))));
        }
    }
}
