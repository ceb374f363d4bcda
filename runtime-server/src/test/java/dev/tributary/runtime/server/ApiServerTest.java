package dev.tributary.runtime.server;

import static dev.tributary.runtime.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private static final String TOKEN = "test-token-0123456789abcdef";

    private final List<String> shutdownOrder = new ArrayList<>();
    private ApiServer server;
    private ApiClient client;

    private void start(RouteGroup... groups) {
        ApiServer.Builder builder = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN))))
                .onShutdown(() -> shutdownOrder.add("first"))
                .onShutdown(() -> shutdownOrder.add("second"));
        for (RouteGroup group : groups) {
            builder.routes(group);
        }
        server = builder.start();
        client = new ApiClient(server.uri(), Optional.of(TOKEN));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersHealthToAValidToken() {
        start();

        HttpResponse<String> response = client.get("/api/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(response).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void rejectsMissingTokenWithJsonError() {
        start();

        HttpResponse<String> response = client.withoutToken().get("/api/health");

        assertUnauthorized(response);
    }

    @Test
    void rejectsWrongToken() {
        start();

        assertUnauthorized(client.withToken(TOKEN + "0").get("/api/health"));
        assertUnauthorized(client.withToken(TOKEN.substring(0, TOKEN.length() - 1)).get("/api/health"));
    }

    @Test
    void rejectsTokenSentWithAnotherScheme() {
        start();

        HttpResponse<String> response = client.send(client.withoutToken().request("/api/health")
                .header("Authorization", "Basic " + TOKEN));

        assertUnauthorized(response);
    }

    @Test
    void protectsUnknownApiPathsBeforeSayingTheyDoNotExist() {
        start();

        assertUnauthorized(client.withoutToken().get("/api/no-such-thing"));
        HttpResponse<String> known = client.get("/api/no-such-thing");
        assertThat(known.statusCode()).isEqualTo(404);
        assertThat(json(known).path("error").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void answersApiErrorsAsErrorObjectsWithTheField() {
        start(routes -> routes.post("/api/echo", ctx -> {
            throw ApiError.invalidField("name", "name must not be blank");
        }));

        HttpResponse<String> response = client.post("/api/echo", "{}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_field");
        assertThat(error.path("message").asText()).isEqualTo("name must not be blank");
        assertThat(error.path("field").asText()).isEqualTo("name");
    }

    @Test
    void hidesTheCauseOfUnexpectedFailures() {
        start(routes -> routes.get("/api/boom", ctx -> {
            throw new IllegalStateException("internal detail sk_live_canary");
        }));

        HttpResponse<String> response = client.get("/api/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("internal");
        assertThat(response.body()).doesNotContain("sk_live_canary");
    }

    @Test
    void servesTheConsoleWithoutToken() {
        start();

        HttpResponse<String> page = client.withoutToken().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("<title>Tributary</title>", "console.js");
        assertThat(client.withoutToken().get("/console.js").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutToken() {
        assertThatThrownBy(() -> ApiServer.builder().host("0.0.0.0").port(0).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining(TokenAuth.TOKEN_VARIABLE);
    }

    @Test
    void makesUpATokenOnLoopbackWhenNoneIsConfigured() {
        server = ApiServer.builder().host("127.0.0.1").port(0).start();

        String generated = server.generatedToken().orElseThrow();
        ApiClient generatedClient = new ApiClient(server.uri(), Optional.of(generated));

        assertThat(generatedClient.get("/api/health").statusCode()).isEqualTo(200);
        assertUnauthorized(generatedClient.withoutToken().get("/api/health"));
    }

    @Test
    void closesShutdownHooksInReverseOrderThenStopsServing() {
        start();
        ApiClient before = client;

        server.close();

        assertThat(shutdownOrder).containsExactly("second", "first");
        assertThatThrownBy(() -> before.get("/api/health")).hasCauseInstanceOf(ConnectException.class);
        server.close();
        assertThat(shutdownOrder).hasSize(2);
    }

    @Test
    void keepsStoppingWhenAShutdownHookFails() {
        server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN))))
                .onShutdown(() -> shutdownOrder.add("ran"))
                .onShutdown(() -> {
                    throw new IOException("disk gone");
                })
                .start();
        ApiClient before = new ApiClient(server.uri(), Optional.of(TOKEN));

        server.close();

        assertThat(shutdownOrder).containsExactly("ran");
        assertThatThrownBy(() -> before.get("/api/health")).hasCauseInstanceOf(ConnectException.class);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("unauthorized");
        assertThat(error.path("message").asText()).contains("Bearer");
    }
}
