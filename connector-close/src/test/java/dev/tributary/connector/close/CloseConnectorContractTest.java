package dev.tributary.connector.close;

import dev.tributary.spi.BaseConnector;
import dev.tributary.testkit.ConnectorContract;
import java.util.Map;
import java.util.Optional;

/** The testkit's connector contract, run against the fake Close server with the standard data set. */
class CloseConnectorContractTest extends ConnectorContract {

    private FakeCloseServer server;

    @Override
    protected void startFakeServer() throws Exception {
        server = CloseData.install(new FakeCloseServer());
    }

    @Override
    protected void stopFakeServer() {
        server.close();
    }

    @Override
    protected BaseConnector newConnector() {
        return new CloseConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of(CloseConnector.API_KEY, FakeCloseServer.API_KEY, CloseConnector.API_BASE_URL,
                server.baseUrl());
    }

    /**
     * Also accepts Okio's watchdog: one daemon thread per JVM that times out every OkHttp call and ends by itself
     * after a minute without timeouts to watch, so it is shared infrastructure like OkHttp's task runner.
     */
    @Override
    protected boolean isSharedThread(Thread thread) {
        return super.isSharedThread(thread) || thread.getName().equals("Okio Watchdog");
    }

    @Override
    protected Optional<Map<String, Object>> badCredentialsConfig() {
        return Optional.of(Map.of(CloseConnector.API_KEY, "revoked-key", CloseConnector.API_BASE_URL,
                server.baseUrl()));
    }
}
