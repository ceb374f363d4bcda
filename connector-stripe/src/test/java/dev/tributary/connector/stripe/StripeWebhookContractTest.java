package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.StripeDeliveries.SECRET;
import static dev.tributary.connector.stripe.StripeDeliveries.delivery;
import static dev.tributary.connector.stripe.StripeDeliveries.event;
import static dev.tributary.connector.stripe.StripeDeliveries.fixture;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ratelimit.RateLimiter;
import dev.tributary.spi.webhook.WebhookRequest;
import dev.tributary.testkit.WebhookContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

class StripeWebhookContractTest extends WebhookContract {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String BODY = event("evt_1", "customer.updated", NOW, fixture("customer"));

    @Override
    protected BaseConnector initializedConnector() {
        return TestSupport.initialized(Map.of(StripeConfig.API_KEY, TestSupport.API_KEY,
                StripeConfig.WEBHOOK_SECRET, SECRET), Clock.fixed(NOW, ZoneOffset.UTC), RateLimiter.unlimited());
    }

    @Override
    protected String secret() {
        return SECRET;
    }

    @Override
    protected WebhookRequest validDelivery() {
        return delivery(BODY, NOW, SECRET);
    }

    @Override
    protected WebhookRequest unknownTypeDelivery() {
        return delivery(event("evt_2", "payout.paid", NOW, "{\"id\":\"po_1\",\"object\":\"payout\"}"), NOW, SECRET);
    }

    @Override
    protected WebhookRequest wrongSecretDelivery() {
        return delivery(BODY, NOW, "whsec_AnotherSecret");
    }

    @Override
    protected Optional<WebhookRequest> staleDelivery() {
        return Optional.of(delivery(BODY, NOW.minusSeconds(301), SECRET));
    }
}
