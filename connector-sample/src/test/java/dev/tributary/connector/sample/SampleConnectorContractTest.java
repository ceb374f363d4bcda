package dev.tributary.connector.sample;

import dev.tributary.spi.BaseConnector;
import dev.tributary.testkit.ConnectorContract;
import java.util.Map;

/** The sample connector keeps the connector contract; it has no credentials, so the bad-credentials check skips. */
class SampleConnectorContractTest extends ConnectorContract {

    @Override
    protected BaseConnector newConnector() {
        return new SampleConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of("records", 20, "seed", 7);
    }
}
