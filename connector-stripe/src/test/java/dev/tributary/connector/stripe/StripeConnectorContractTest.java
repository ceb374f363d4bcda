package dev.tributary.connector.stripe;

import dev.tributary.connector.stripe.FakeStripe.Resource;
import dev.tributary.spi.BaseConnector;
import dev.tributary.testkit.ConnectorContract;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The testkit's connector contract, run against the fake Stripe with a handful of objects per entity. */
class StripeConnectorContractTest extends ConnectorContract {

    private FakeStripe fake;

    @Override
    protected void startFakeServer() {
        fake = FakeStripe.start(TestSupport.API_KEY);
        for (int i = 0; i < 8; i++) {
            for (Resource resource : Resource.values()) {
                fake.create(resource);
            }
            fake.advance(Duration.ofSeconds(i % 2 == 0 ? 1 : 60));
        }
    }

    @Override
    protected void stopFakeServer() {
        fake.close();
    }

    @Override
    protected BaseConnector newConnector() {
        return new StripeConnector();
    }

    @Override
    protected Map<String, Object> config() {
        return Map.of(StripeConfig.API_KEY, TestSupport.API_KEY, StripeConfig.API_BASE_URL, fake.baseUrl());
    }

    @Override
    protected Optional<Map<String, Object>> badCredentialsConfig() {
        return Optional.of(Map.of(StripeConfig.API_KEY, "sk_test_rejected", StripeConfig.API_BASE_URL,
                fake.baseUrl()));
    }
}
