package dev.tributary.connector.close;

import static dev.tributary.connector.close.CloseDeliveries.KEY;
import static dev.tributary.connector.close.CloseDeliveries.body;
import static dev.tributary.connector.close.CloseDeliveries.delivery;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.webhook.WebhookRequest;
import dev.tributary.testkit.FakeConnectorContext;
import dev.tributary.testkit.WebhookContract;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

class CloseWebhookContractTest extends WebhookContract {

    private static final String BODY = body(CloseDeliveries.leadUpdated());

    @Override
    protected BaseConnector initializedConnector() {
        CloseConnector connector = new CloseConnector();
        connector.initialize(FakeConnectorContext.of(connector, Map.of(CloseConnector.API_KEY, "api_test_key",
                CloseConnector.WEBHOOK_SECRET, KEY)));
        return connector;
    }

    @Override
    protected String secret() {
        return KEY;
    }

    @Override
    protected WebhookRequest validDelivery() {
        return delivery(BODY, Instant.now(), KEY);
    }

    @Override
    protected WebhookRequest unknownTypeDelivery() {
        Map<String, Object> event = CloseDeliveries.leadUpdated();
        event.put("object_type", "email_template");
        return delivery(body(event), Instant.now(), KEY);
    }

    @Override
    protected WebhookRequest wrongSecretDelivery() {
        return delivery(BODY, Instant.now(), "00" + KEY.substring(2));
    }

    @Override
    protected Optional<WebhookRequest> staleDelivery() {
        return Optional.of(delivery(BODY, Instant.now().minusSeconds(301), KEY));
    }
}
