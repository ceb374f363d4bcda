package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.webhook.EntityChange;
import dev.tributary.spi.webhook.WebhookEvent;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookReceiver;
import dev.tributary.spi.webhook.WebhookRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector with a {@link WebhookReceiver} keeps, as a JUnit 5 test class to extend. Supply a
 * connector initialised with a signing secret, deliveries signed the way the source signs them, and the secret; each
 * rule is its own test.
 *
 * <pre>{@code
 * class MyWebhookContractTest extends WebhookContract {
 *     protected BaseConnector initializedConnector() { ... initialize with webhook_secret = secret() ... }
 *     protected String secret() { return "whsec_test_canary"; }
 *     protected WebhookRequest validDelivery() { ... an event the connector maps, signed with secret() ... }
 *     protected WebhookRequest unknownTypeDelivery() { ... an event type it does not sync, signed ... }
 *     protected WebhookRequest wrongSecretDelivery() { ... validDelivery's body signed with another secret ... }
 *     protected Optional<WebhookRequest> staleDelivery() { ... signed with a timestamp too old ... }
 * }
 * }</pre>
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>A valid delivery is accepted: an event with an id, a type and at least one change, each naming an entity the
 *       connector declares and each record and deleted key holding that entity's primary-key fields.</li>
 *   <li>Refused: the valid delivery with one body byte changed, without any header, signed with another secret, and
 *       (when the source signs a timestamp) stale; no refusal reason shows the secret.</li>
 *   <li>A verified delivery of an event type the connector does not sync is ignored with a reason.</li>
 *   <li>The same delivery received twice gives the same event (the runtime's idempotency rests on the id).</li>
 * </ul>
 */
public abstract class WebhookContract {

    private BaseConnector connector;

    /** A fresh connector initialised with a configuration whose webhook signing secret is {@link #secret()}. */
    protected abstract BaseConnector initializedConnector();

    /** The signing secret the connector is configured with; no refusal reason may show it. */
    protected abstract String secret();

    /** A delivery the source would send for an event the connector maps to changes, signed with the secret. */
    protected abstract WebhookRequest validDelivery();

    /** A delivery of an event type the connector does not sync, signed with the secret. */
    protected abstract WebhookRequest unknownTypeDelivery();

    /** The body of {@link #validDelivery()} signed with another secret. */
    protected abstract WebhookRequest wrongSecretDelivery();

    /**
     * The body of {@link #validDelivery()} correctly signed, but with a timestamp older than the connector accepts.
     *
     * @implSpec The default returns empty, for sources that sign no timestamp; the check is then skipped.
     */
    protected Optional<WebhookRequest> staleDelivery() {
        return Optional.empty();
    }

    @AfterEach
    void closeConnector() {
        if (connector != null) {
            connector.close();
        }
    }

    private WebhookReceiver receiver() {
        if (connector == null) {
            connector = initializedConnector();
        }
        Optional<WebhookReceiver> receiver = connector.webhookReceiver();
        assertThat(receiver).as("webhookReceiver() of a connector configured with a signing secret").isPresent();
        return receiver.get();
    }

    @Test
    void acceptsAValidDeliveryAsChangesToDeclaredEntities() {
        WebhookOutcome outcome = receiver().receive(validDelivery());
        assertThat(outcome).as("outcome of a valid delivery").isInstanceOf(WebhookOutcome.Accepted.class);
        WebhookEvent event = ((WebhookOutcome.Accepted) outcome).event();
        assertThat(event.id()).isNotBlank();
        assertThat(event.type()).isNotBlank();
        Map<String, EntityDescriptor> entities = new HashMap<>();
        connector.getAvailableEntities().forEach(entity -> entities.put(entity.name(), entity));
        for (EntityChange change : event.changes()) {
            assertThat(entities).as("entities declared by the connector").containsKey(change.entity());
            List<String> key = entities.get(change.entity()).primaryKey();
            for (Map<String, Object> record : change.records()) {
                assertThat(record).as("a record of " + change.entity()).containsKeys(key.toArray(String[]::new));
            }
            for (Map<String, Object> deleted : change.deletedKeys()) {
                assertThat(deleted).as("a deleted key of " + change.entity()).containsKeys(key.toArray(String[]::new));
            }
        }
    }

    @Test
    void givesTheSameEventForTheSameDelivery() {
        WebhookRequest delivery = validDelivery();
        assertThat(receiver().receive(delivery)).isEqualTo(receiver().receive(delivery));
    }

    @Test
    void refusesATamperedBody() {
        WebhookRequest valid = validDelivery();
        byte[] body = valid.body();
        int middle = body.length / 2;
        body[middle] = (byte) (body[middle] == 'x' ? 'y' : 'x');
        assertRefused(new WebhookRequest(valid.method(), valid.path(), valid.headers(), body), "a tampered body");
    }

    @Test
    void refusesADeliveryWithoutSignature() {
        WebhookRequest valid = validDelivery();
        assertRefused(new WebhookRequest(valid.method(), valid.path(), Map.of(), valid.body()), "no headers");
    }

    @Test
    void refusesADeliverySignedWithAnotherSecret() {
        assertRefused(wrongSecretDelivery(), "another secret");
    }

    @Test
    void refusesAStaleDelivery() {
        Optional<WebhookRequest> stale = staleDelivery();
        assumeTrue(stale.isPresent(), "the source signs no timestamp");
        assertRefused(stale.get(), "a stale timestamp");
    }

    @Test
    void ignoresAnUnknownEventTypeWithAReason() {
        WebhookOutcome outcome = receiver().receive(unknownTypeDelivery());
        assertThat(outcome).as("outcome of an event type the connector does not sync")
                .isInstanceOf(WebhookOutcome.Ignored.class);
        assertThat(((WebhookOutcome.Ignored) outcome).reason()).isNotBlank();
    }

    private void assertRefused(WebhookRequest request, String what) {
        WebhookOutcome outcome = receiver().receive(request);
        assertThat(outcome).as("outcome of a delivery with " + what).isInstanceOf(WebhookOutcome.Refused.class);
        String reason = ((WebhookOutcome.Refused) outcome).reason();
        assertThat(reason).isNotBlank().doesNotContain(secret());
    }
}
