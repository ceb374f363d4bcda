package dev.tributary.runtime.server;

import dev.tributary.runtime.Tributary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts servers on a free loopback port, for tests. */
final class TestServers {

    private TestServers() {
    }

    /** A server over the given runtime, accepting one token. */
    static ApiServer start(String token, Tributary tributary) {
        return ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(token)))).tributary(tributary)
                .start();
    }

    /**
     * A runtime in {@code home} that finds the test connectors on the class path, stores data sources in SQLite there
     * and encrypts them with a fresh key.
     */
    static Tributary tributary(Path home) {
        return tributary(home, Tributary.generateKey().reveal());
    }

    /** Like {@link #tributary(Path)} with the given encryption key, so that two runtimes can share one store. */
    static Tributary tributary(Path home, String encryptionKey) {
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", encryptionKey);
        return Tributary.builder().home(home).environment(environment::get).build();
    }
}
