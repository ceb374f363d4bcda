package dev.tributary.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.Tributary;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeRoutesTest {

    private static final String TOKEN = "probe-token-0123456789";

    @TempDir
    Path home;

    @Test
    void livenessAndReadinessAnswerWithoutATokenAndSayNothingElse() {
        try (Tributary tributary = TestServers.tributary(home);
                ApiServer server = TestServers.start(TOKEN, tributary)) {
            ApiClient anonymous = new ApiClient(server.uri(), Optional.empty());

            HttpResponse<String> live = anonymous.get("/healthz");
            HttpResponse<String> ready = anonymous.get("/readyz");

            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).isEqualTo("ok");
            assertThat(live.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready");
            assertThat(ready.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(anonymous.get("/api/health").statusCode()).as("the API still needs the token").isEqualTo(401);
        }
    }

    @Test
    void readinessSaysStoreWhenTheStoreDoesNotAnswer() {
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        try (Tributary tributary = Tributary.builder().home(home).environment(environment::get)
                        .store("jdbc:postgresql://127.0.0.1:1/tributary?user=probe&password=probe-secret-4711").build();
                ApiServer server = TestServers.start(TOKEN, tributary)) {
            ApiClient anonymous = new ApiClient(server.uri(), Optional.empty());

            HttpResponse<String> ready = anonymous.get("/readyz");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("store");
            assertThat(anonymous.get("/healthz").statusCode()).as("alive all the same").isEqualTo(200);
        }
    }

    @Test
    void readinessSaysStoppingOnceTheServerBeginsToShutDown() {
        AtomicReference<HttpResponse<String>> duringShutdown = new AtomicReference<>();
        AtomicReference<ApiServer> running = new AtomicReference<>();
        try (Tributary tributary = TestServers.tributary(home)) {
            ApiServer server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(TOKEN))))
                    .tributary(tributary)
                    .onShutdown(() -> duringShutdown.set(
                            new ApiClient(running.get().uri(), Optional.empty()).get("/readyz")))
                    .start();
            running.set(server);
            assertThat(new ApiClient(server.uri(), Optional.empty()).get("/readyz").statusCode()).isEqualTo(200);

            server.close();

            assertThat(duringShutdown.get().statusCode()).isEqualTo(503);
            assertThat(duringShutdown.get().body()).isEqualTo("stopping");
        }
    }
}
