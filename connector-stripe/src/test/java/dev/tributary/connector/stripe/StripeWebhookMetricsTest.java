package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.StripeDeliveries.SECRET;
import static dev.tributary.connector.stripe.StripeDeliveries.delivery;
import static dev.tributary.connector.stripe.StripeDeliveries.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.sync.SyncMetrics;
import dev.tributary.runtime.webhook.WebhookReceipt;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries received through the embedding API are counted per source and outcome, unknown names not at all. */
class StripeWebhookMetricsTest {

    @TempDir
    Path home;

    @Test
    void countsDeliveriesOfKnownSourcesByOutcome() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Map<String, String> environment = Map.of("ENCRYPTION_KEY", Tributary.generateKey().reveal());
        try (Tributary tributary = Tributary.builder().home(home).environment(environment::get)
                .meterRegistry(meters).build()) {
            tributary.createSource(DataSourceDraft.of("billing", "stripe", Map.of(StripeConfig.API_KEY,
                    TestSupport.API_KEY, StripeConfig.WEBHOOK_SECRET, SECRET)));
            Instant now = Instant.now();
            String body = event("evt_1", "customer.created", now,
                    StripeWebhookServerTest.customer("cus_1", "Ada", now));

            assertThat(tributary.receiveWebhook("billing", delivery(body, now, SECRET)).status())
                    .isEqualTo(WebhookReceipt.Status.APPLIED);
            assertThat(tributary.receiveWebhook("billing", delivery(body, now, SECRET)).status())
                    .isEqualTo(WebhookReceipt.Status.DUPLICATE);
            assertThat(tributary.receiveWebhook("billing", delivery(body, now, "whsec_other")).status())
                    .isEqualTo(WebhookReceipt.Status.REFUSED);
            assertThat(tributary.receiveWebhook("nosuch", delivery(body, now, SECRET)).status())
                    .isEqualTo(WebhookReceipt.Status.NOT_FOUND);

            assertThat(meters.get(SyncMetrics.WEBHOOK_DELIVERIES).tags("source", "billing", "status", "applied")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get(SyncMetrics.WEBHOOK_DELIVERIES).tags("source", "billing", "status", "duplicate")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get(SyncMetrics.WEBHOOK_DELIVERIES).tags("source", "billing", "status", "refused")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.find(SyncMetrics.WEBHOOK_DELIVERIES).tag("source", "nosuch").counters()).isEmpty();
            assertThat(tributary.webhookActivity("billing").applied()).isEqualTo(1);
            assertThat(tributary.webhookActivity("billing").lastEventTime()).contains(
                    Instant.ofEpochSecond(now.getEpochSecond()));
        }
    }
}
