package dev.tributary.connector.stripe;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.server.ApiServer;
import dev.tributary.runtime.server.TokenAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The API server in a process of its own, for the crash test: {@code WebhookServerMain HOME}; the encryption key
 * comes from {@code ENCRYPTION_KEY}. Prints {@code PORT <n>} once listening, then serves until killed.
 */
public final class WebhookServerMain {

    private WebhookServerMain() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        Tributary tributary = Tributary.builder().home(Path.of(arguments[0])).build();
        ApiServer server = ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(WebhookServer.TOKEN))))
                .tributary(tributary).scheduleCheckPeriod(Duration.ZERO).start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
