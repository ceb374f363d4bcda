package ${package};

import dev.tributary.spi.BaseConnector;
import dev.tributary.testkit.ConnectorContract;
import dev.tributary.testkit.FakeHttpServer;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the Tributary connector contract (metadata, paging, resume from every state, since, cancellation, threads)
 * against {@link MyConnector} talking to a fake API on a loopback port. Every check is a test of its own.
 */
class MyConnectorContractTest extends ConnectorContract {

    private FakeHttpServer server;

    @Override
    protected void startFakeServer() {
        server = FakeHttpServer.start().dispatch(new FakeApi(10));
    }

    @Override
    protected void stopFakeServer() {
        server.close();
    }

    @Override
    protected BaseConnector newConnector() {
        return new MyConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of("base_url", server.url("/").toString(), "api_key", FakeApi.KEY);
    }

    @Override
    protected Optional<Map<String, Object>> badCredentialsConfig() {
        return Optional.of(Map.of("base_url", server.url("/").toString(), "api_key", "wrong-key-5678"));
    }
}
