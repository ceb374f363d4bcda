package dev.tributary.runtime.server;

import java.util.List;
import java.util.Optional;

/** Starts servers on a free loopback port with every route group, for tests. */
final class TestServers {

    private TestServers() {
    }

    static ApiServer full(String token) {
        return ApiServer.builder().port(0).tokens(Optional.of(TokenAuth.of(List.of(token)))).start();
    }
}
