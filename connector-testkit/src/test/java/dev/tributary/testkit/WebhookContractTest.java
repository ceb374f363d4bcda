package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.webhook.WebhookRequest;
import dev.tributary.testkit.examples.SignedItemsConnector;
import dev.tributary.testkit.examples.SignedItemsConnector.Fault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs {@link WebhookContract} through the JUnit Platform against an example connector: the correct one passes every
 * check (the stale check is skipped, as its source signs no timestamp), and each broken one fails the checks written
 * for its fault.
 */
class WebhookContractTest {

    private static final int CHECKS = 7;

    @Test
    void aCorrectReceiverPassesEveryCheck() {
        EngineExecutionResults results = run(Correct.class);
        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.succeeded(CHECKS - 1).aborted(1));
    }

    @Test
    void aReceiverThatAcceptsAnySignatureFailsTheRefusalChecks() {
        EngineExecutionResults results = run(AcceptsAny.class);
        assertThat(results.testEvents().failed().stream().map(event -> event.getTestDescriptor().getDisplayName()))
                .containsExactlyInAnyOrder("refusesATamperedBody()", "refusesADeliveryWithoutSignature()",
                        "refusesADeliverySignedWithAnotherSecret()");
    }

    @Test
    void aReceiverWhoseReasonShowsTheSecretFails() {
        EngineExecutionResults results = run(ShowsSecret.class);
        assertThat(failures(results)).hasSize(3).allSatisfy(failure -> assertThat(failure)
                .contains("not to contain"));
    }

    private static List<String> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream().map(WebhookContractTest::messageOf).toList();
    }

    private static EngineExecutionResults run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute();
    }

    private static String messageOf(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    // The example contracts, as a connector author writes them.

    abstract static class SignedItemsContract extends WebhookContract {
        static final String SECRET = "canary-webhook-secret-7f3a";

        abstract Fault fault();

        @Override
        protected BaseConnector initializedConnector() {
            SignedItemsConnector connector = new SignedItemsConnector(fault());
            connector.initialize(FakeConnectorContext.of(connector, Map.of("secret", SECRET)));
            return connector;
        }

        @Override
        protected String secret() {
            return SECRET;
        }

        static WebhookRequest signed(String body, String secret) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new WebhookRequest("POST", "/webhooks/items",
                    Map.of("X-Signature", List.of(SignedItemsConnector.sign(secret, bytes))), bytes);
        }

        @Override
        protected WebhookRequest validDelivery() {
            return signed("{\"id\":\"ev_1\",\"type\":\"item.changed\",\"time\":\"2026-01-01T00:00:00Z\","
                    + "\"item\":{\"id\":\"item_1\",\"name\":\"First\"}}", SECRET);
        }

        @Override
        protected WebhookRequest unknownTypeDelivery() {
            return signed("{\"id\":\"ev_2\",\"type\":\"item.viewed\",\"time\":\"2026-01-01T00:00:00Z\"}", SECRET);
        }

        @Override
        protected WebhookRequest wrongSecretDelivery() {
            return signed("{\"id\":\"ev_1\",\"type\":\"item.changed\",\"time\":\"2026-01-01T00:00:00Z\","
                    + "\"item\":{\"id\":\"item_1\",\"name\":\"First\"}}", "another-secret");
        }
    }

    static class Correct extends SignedItemsContract {
        @Override
        Fault fault() {
            return Fault.NONE;
        }
    }

    static class AcceptsAny extends SignedItemsContract {
        @Override
        Fault fault() {
            return Fault.ACCEPTS_ANY_SIGNATURE;
        }
    }

    static class ShowsSecret extends SignedItemsContract {
        @Override
        Fault fault() {
            return Fault.SHOWS_SECRET_IN_REASON;
        }
    }
}
