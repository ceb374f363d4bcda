package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.spi.webhook.WebhookRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Close webhook deliveries built from the fixtures' event shapes and signed the way Close signs them. */
final class CloseDeliveries {

    static final String KEY = "3a5c0f9e1b7d4c2a8e6f0b1d3c5a7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d";
    static final JsonCodec JSON = new JsonCodec();

    private CloseDeliveries() {
    }

    /** The first event of the fixture's event list page (a lead update), as a mutable map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> leadUpdated() {
        Map<String, Object> page = JSON.parseObject(read("event_list_page.json"));
        return new LinkedHashMap<>(((List<Map<String, Object>>) page.get("data")).get(0));
    }

    /** The second event of the fixture's page (an activity.note deletion). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> noteDeleted() {
        Map<String, Object> page = JSON.parseObject(read("event_list_page.json"));
        return new LinkedHashMap<>(((List<Map<String, Object>>) page.get("data")).get(1));
    }

    static String read(String fixture) {
        try {
            return Files.readString(Path.of("src/test/resources/fixtures/close/" + fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body Close posts for {@code event}. */
    static String body(Map<String, Object> event) {
        return JSON.write(Map.of("subscription_id", "whsub_1", "event", event));
    }

    /** A delivery of {@code body} signed with the hex key at {@code timestamp}. */
    static WebhookRequest delivery(String body, Instant timestamp, String hexKey) {
        String ts = Long.toString(timestamp.getEpochSecond());
        return new WebhookRequest("POST", "/webhooks/crm", Map.of(
                "close-sig-hash", List.of(hash(hexKey, ts, body)), "close-sig-timestamp", List.of(ts),
                "Content-Type", List.of("application/json")), body.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String hexKey, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
