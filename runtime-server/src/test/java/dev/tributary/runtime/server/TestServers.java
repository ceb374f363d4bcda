package dev.tributary.runtime.server;

import dev.tributary.runtime.Tributary;
import java.nio.file.Path;
import java.util.List;
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

    /** A runtime in {@code home} that finds the test connectors on the class path. */
    static Tributary tributary(Path home) {
        return Tributary.builder().home(home).build();
    }
}
