package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.StripeDeliveries.SECRET;
import static dev.tributary.connector.stripe.StripeDeliveries.delivery;
import static dev.tributary.connector.stripe.StripeDeliveries.event;
import static dev.tributary.connector.stripe.StripeDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.ratelimit.RateLimiter;
import dev.tributary.spi.webhook.EntityChange;
import dev.tributary.spi.webhook.WebhookEvent;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripeWebhooksTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final StripeWebhooks webhooks = new StripeWebhooks(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @CsvSource({
        "customer.created, customer, customers",
        "customer.updated, customer, customers",
        "charge.succeeded, charge, charges",
        "invoice.paid, invoice, invoices",
        "product.updated, product, products",
        "price.created, price, prices",
        "plan.created, plan, plans",
        "customer.subscription.updated, subscription, subscriptions",
        "customer.subscription.deleted, subscription, subscriptions"})
    void upsertsTheEventsObjectIntoItsEntity(String type, String fixture, String entity) {
        String object = fixture(fixture);
        WebhookEvent event = accepted(delivery(event("evt_1", type, NOW, object), NOW, SECRET));
        assertThat(event.id()).isEqualTo("evt_1");
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.time()).isEqualTo(NOW);
        assertThat(event.changes()).singleElement().satisfies(change -> {
            assertThat(change.entity()).isEqualTo(entity);
            assertThat(change.records()).singleElement().isEqualTo(RawJson.parseObject(object));
            assertThat(change.deletedKeys()).isEmpty();
        });
    }

    @ParameterizedTest
    @CsvSource({
        "customer.deleted, customer, customers",
        "invoice.deleted, invoice, invoices",
        "product.deleted, product, products",
        "price.deleted, price, prices",
        "plan.deleted, plan, plans"})
    void marksTheObjectOfADeletionEventDeleted(String type, String fixture, String entity) {
        Map<String, Object> object = RawJson.parseObject(fixture(fixture));
        WebhookEvent event = accepted(delivery(event("evt_9", type, NOW, fixture(fixture)), NOW, SECRET));
        assertThat(event.changes()).containsExactly(EntityChange.deletion(entity, Map.of("id", object.get("id"))));
    }

    @Test
    void acceptsAnyOfSeveralSignaturesWhileTheSecretIsRolled() {
        String body = event("evt_1", "customer.updated", NOW, fixture("customer"));
        assertThat(webhooks.receive(delivery(body, NOW, "whsec_OldSecret", SECRET)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
    }

    @Test
    void acceptsATimestampWithinTheToleranceOnly() {
        String body = event("evt_1", "customer.updated", NOW, fixture("customer"));
        assertThat(webhooks.receive(delivery(body, NOW.minusSeconds(299), SECRET)))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        assertThat(webhooks.receive(delivery(body, NOW.minusSeconds(301), SECRET)))
                .isEqualTo(WebhookOutcome.refused("the signed timestamp is more than 300 s away from now (stale or"
                        + " replayed)"));
    }

    @Test
    void refusesAMalformedHeaderAndASignedBodyThatIsNoEvent() {
        String body = event("evt_1", "customer.updated", NOW, fixture("customer"));
        WebhookRequest request = delivery(body, NOW, SECRET);
        WebhookRequest malformed = new WebhookRequest("POST", "/", Map.of("Stripe-Signature",
                List.of("garbage")), request.body());
        assertThat(webhooks.receive(malformed)).isInstanceOf(WebhookOutcome.Refused.class);
        assertThat(webhooks.receive(delivery("[1, 2]", NOW, SECRET))).isInstanceOf(WebhookOutcome.Refused.class);
        assertThat(webhooks.receive(delivery("{\"id\":\"evt_1\"}", NOW, SECRET)))
                .isInstanceOf(WebhookOutcome.Refused.class);
    }

    @Test
    void connectorTakesWebhooksOnlyWithASecret() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThat(TestSupport.initialized(Map.of(StripeConfig.API_KEY, TestSupport.API_KEY), clock,
                RateLimiter.unlimited()).webhookReceiver()).isEmpty();
        assertThatThrownBy(() -> TestSupport.initialized(Map.of(StripeConfig.API_KEY, TestSupport.API_KEY,
                StripeConfig.WEBHOOK_SECRET, "sk_test_not_a_webhook_secret"), clock, RateLimiter.unlimited()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("webhook_secret")
                .hasMessageNotContaining("sk_test_not_a_webhook_secret");
    }

    private WebhookEvent accepted(WebhookRequest request) {
        WebhookOutcome outcome = webhooks.receive(request);
        assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
        return ((WebhookOutcome.Accepted) outcome).event();
    }
}
