package dev.tributary.connector.close;

import static dev.tributary.connector.close.CloseDeliveries.KEY;
import static dev.tributary.connector.close.CloseDeliveries.body;
import static dev.tributary.connector.close.CloseDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.webhook.EntityChange;
import dev.tributary.spi.webhook.WebhookEvent;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookRequest;
import dev.tributary.testkit.FakeConnectorContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloseWebhooksTest {

    private static final Instant NOW = Instant.parse("2024-05-20T08:46:00Z");
    private final CloseWebhooks webhooks = new CloseWebhooks(HexFormat.of().parseHex(KEY),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private WebhookEvent accepted(Map<String, Object> event) {
        WebhookOutcome outcome = webhooks.receive(delivery(body(event), NOW, KEY));
        assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
        return ((WebhookOutcome.Accepted) outcome).event();
    }

    @Test
    void anUpdatedLeadUpsertsTheEventsDataAtItsUpdateTime() {
        Map<String, Object> event = CloseDeliveries.leadUpdated();
        WebhookEvent mapped = accepted(event);
        assertThat(mapped.id()).isEqualTo("ev_2uOqk7GbfvS0y2tVmFD1rL");
        assertThat(mapped.type()).isEqualTo("lead.updated");
        assertThat(mapped.time()).isEqualTo(Instant.parse("2024-05-20T08:45:12.101Z"));
        assertThat(mapped.changes()).containsExactly(EntityChange.upsert("leads", castMap(event.get("data"))));
    }

    @Test
    void aDeletedActivityMarksItsIdDeleted() {
        assertThat(accepted(CloseDeliveries.noteDeleted()).changes()).containsExactly(EntityChange.deletion(
                "activities", Map.of("id", "acti_Qh1aVx3Ls9Dk2Pm7Rb5Wn0Tz4Yc8Ju6Ge1Fo3Ni9Kq2")));
    }

    @ParameterizedTest
    @CsvSource({"contact, contacts", "opportunity, opportunities", "activity.call, activities", "lead, leads"})
    void mapsEachObjectTypeToItsEntity(String objectType, String entity) {
        Map<String, Object> event = CloseDeliveries.leadUpdated();
        event.put("object_type", objectType);
        assertThat(accepted(event).changes()).extracting(EntityChange::entity).containsExactly(entity);
    }

    @Test
    void aMergedLeadUpsertsTheSurvivorAndDeletesTheMergedAwayLead() {
        Map<String, Object> event = CloseDeliveries.leadUpdated();
        event.put("action", "merged");
        event.put("meta", Map.of("merge_source_lead_id", "lead_gone", "merge_destination_lead_id",
                event.get("object_id")));
        assertThat(accepted(event).changes()).containsExactly(
                EntityChange.upsert("leads", castMap(event.get("data"))),
                EntityChange.deletion("leads", Map.of("id", "lead_gone")));
    }

    @Test
    void anEventWithoutDataIsIgnoredWithAReason() {
        Map<String, Object> event = CloseDeliveries.leadUpdated();
        event.put("data", null);
        WebhookOutcome outcome = webhooks.receive(delivery(body(event), NOW, KEY));
        assertThat(outcome).isInstanceOf(WebhookOutcome.Ignored.class);
    }

    @Test
    void refusesMalformedHeaders() {
        String body = body(CloseDeliveries.leadUpdated());
        WebhookRequest valid = delivery(body, NOW, KEY);
        WebhookRequest notHex = new WebhookRequest("POST", "/", Map.of("close-sig-hash",
                List.of("zz"), "close-sig-timestamp", valid.header("close-sig-timestamp").map(List::of).orElseThrow()),
                valid.body());
        WebhookRequest notTime = new WebhookRequest("POST", "/", Map.of("close-sig-hash",
                List.of(valid.header("close-sig-hash").orElseThrow()), "close-sig-timestamp", List.of("soon")),
                valid.body());
        assertThat(webhooks.receive(notHex)).isInstanceOf(WebhookOutcome.Refused.class);
        assertThat(webhooks.receive(notTime)).isInstanceOf(WebhookOutcome.Refused.class);
    }

    @Test
    void aKeyThatIsNotHexIsAConfigErrorNamingTheField() {
        CloseConnector connector = new CloseConnector();
        assertThatThrownBy(() -> connector.initialize(FakeConnectorContext.of(connector, Map.of(
                CloseConnector.API_KEY, "api_test_key", CloseConnector.WEBHOOK_SECRET, "not-hex-secret"))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("webhook_secret")
                .hasMessageNotContaining("not-hex-secret");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
