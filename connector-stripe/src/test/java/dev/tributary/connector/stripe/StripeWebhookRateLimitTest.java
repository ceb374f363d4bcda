package dev.tributary.connector.stripe;

import static dev.tributary.connector.stripe.StripeDeliveries.SECRET;
import static dev.tributary.connector.stripe.StripeDeliveries.event;
import static dev.tributary.connector.stripe.StripeDeliveries.signatureHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.store.DataSourceDraft;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries over a source's webhook rate are answered 429 and change nothing. */
class StripeWebhookRateLimitTest {

    @TempDir
    Path home;

    @Test
    void deliveriesOverTheRateAreAnswered429() throws Exception {
        // 0.001/s: the burst of two is all a test run gets.
        try (WebhookServer server = new WebhookServer(home, builder -> builder.webhookRate(0.001))) {
            server.tributary.createSource(DataSourceDraft.of("billing", "stripe", Map.of(
                    StripeConfig.API_KEY, TestSupport.API_KEY, StripeConfig.WEBHOOK_SECRET, SECRET)));
            Instant now = Instant.now();
            int[] statuses = new int[3];
            for (int i = 0; i < 3; i++) {
                String body = event("evt_" + i, "customer.created", now,
                        StripeWebhookServerTest.customer("cus_" + i, "C" + i, now));
                HttpResponse<String> answer = server.post("billing", body, "Stripe-Signature",
                        signatureHeader(body, Instant.now(), SECRET));
                statuses[i] = answer.statusCode();
                if (i == 2) {
                    assertThat(answer.headers().firstValue("Retry-After")).contains("1");
                }
            }
            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(server.rows("billing_customers")).hasSize(2);
        }
    }
}
