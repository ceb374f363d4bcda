package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.spi.webhook.EntityChange;
import dev.tributary.spi.webhook.WebhookEvent;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookReceiver;
import dev.tributary.spi.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receives Close webhook deliveries ({@code {"subscription_id", "event": {...}}}): verifies {@code close-sig-hash},
 * the hex HMAC-SHA256 of {@code close-sig-timestamp} followed by the raw body, keyed with the subscription's
 * {@code signature_key} (hex), compared in constant time, with a timestamp at most {@value #TOLERANCE_SECONDS} s
 * from now; then maps the event: {@code lead}, {@code contact}, {@code opportunity} and {@code activity.*} objects,
 * {@code created}/{@code updated} upsert the event's {@code data} (the object's state after the change),
 * {@code deleted} marks {@code object_id} deleted, and {@code merged} upserts the surviving lead and marks the
 * merged-away one ({@code meta.merge_source_lead_id}) deleted. Event time: {@code date_updated}. Thread-safe.
 */
final class CloseWebhooks implements WebhookReceiver {

    static final long TOLERANCE_SECONDS = 300;
    static final String HASH_HEADER = "close-sig-hash";
    static final String TIMESTAMP_HEADER = "close-sig-timestamp";

    private final byte[] key;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();

    /** @param key the subscription's signature key, decoded from hex */
    CloseWebhooks(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        Optional<String> hash = request.header(HASH_HEADER);
        Optional<String> timestamp = request.header(TIMESTAMP_HEADER);
        if (hash.isEmpty() || timestamp.isEmpty()) {
            return WebhookOutcome.refused("no " + HASH_HEADER + " or " + TIMESTAMP_HEADER + " header");
        }
        long signedAt;
        try {
            signedAt = Long.parseLong(timestamp.get().trim());
        } catch (NumberFormatException e) {
            return WebhookOutcome.refused("the " + TIMESTAMP_HEADER + " header is not a Unix time");
        }
        byte[] expected = hmac(timestamp.get().trim().getBytes(StandardCharsets.UTF_8), request.body());
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(hash.get().trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return WebhookOutcome.refused("the " + HASH_HEADER + " header is not hex");
        }
        if (!MessageDigest.isEqual(expected, presented)) {
            return WebhookOutcome.refused("the signature does not match the body and the webhook secret");
        }
        if (Math.abs(clock.instant().getEpochSecond() - signedAt) > TOLERANCE_SECONDS) {
            return WebhookOutcome.refused("the signed timestamp is more than " + TOLERANCE_SECONDS
                    + " s away from now (stale or replayed)");
        }
        Map<String, Object> delivery;
        try {
            delivery = codec.parseObject(request.bodyText());
        } catch (IllegalArgumentException e) {
            return WebhookOutcome.refused("the signed body is not a JSON object");
        }
        if (!(delivery.get("event") instanceof Map<?, ?> raw)) {
            return WebhookOutcome.refused("the signed body has no event");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) raw;
        return map(event);
    }

    private static WebhookOutcome map(Map<String, Object> event) {
        if (!(event.get("id") instanceof String id) || !(event.get("object_type") instanceof String objectType)
                || !(event.get("action") instanceof String action)
                || !(event.get("object_id") instanceof String objectId)) {
            return WebhookOutcome.refused("the event has no id, object_type, action or object_id");
        }
        Optional<Instant> time = time(event.get("date_updated")).or(() -> time(event.get("date_created")));
        if (time.isEmpty()) {
            return WebhookOutcome.refused("the event has no date_updated");
        }
        String type = objectType + "." + action;
        Optional<String> entity = entity(objectType);
        if (entity.isEmpty()) {
            return WebhookOutcome.ignored("object type " + objectType + " is not synced by the Close connector");
        }
        List<EntityChange> changes = new ArrayList<>();
        switch (action) {
            case "created", "updated", "merged" -> {
                if (event.get("data") instanceof Map<?, ?> data && objectId.equals(data.get("id"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) data);
                    changes.add(EntityChange.upsert(entity.get(), record));
                }
                if (action.equals("merged") && event.get("meta") instanceof Map<?, ?> meta
                        && meta.get("merge_source_lead_id") instanceof String merged) {
                    changes.add(EntityChange.deletion(entity.get(), Map.of("id", merged)));
                }
            }
            case "deleted" -> changes.add(EntityChange.deletion(entity.get(), Map.of("id", objectId)));
            default -> {
                return WebhookOutcome.ignored("action " + action + " changes no table");
            }
        }
        if (changes.isEmpty()) {
            return WebhookOutcome.ignored("event " + type + " carries no object data (Close shows data only to"
                    + " admins for events under an hour old); the next sync reads the object");
        }
        return WebhookOutcome.accepted(new WebhookEvent(id, type, time.get(), changes));
    }

    private static Optional<String> entity(String objectType) {
        if (objectType.startsWith("activity.")) {
            return Optional.of(CloseEntity.ACTIVITIES.descriptor().name());
        }
        return switch (objectType) {
            case "lead" -> Optional.of(CloseEntity.LEADS.descriptor().name());
            case "contact" -> Optional.of(CloseEntity.CONTACTS.descriptor().name());
            case "opportunity" -> Optional.of(CloseEntity.OPPORTUNITIES.descriptor().name());
            default -> Optional.empty();
        };
    }

    private static Optional<Instant> time(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private byte[] hmac(byte[] timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(timestamp);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    @Override
    public String registrationHint() {
        return "Close: POST /api/v1/webhook/ with {\"url\": this URL, \"events\": [{\"object_type\": \"lead\", "
                + "\"action\": \"created\"}, ... for lead, contact, opportunity and activity.* with created, updated, "
                + "deleted and merged]}; set the answer's signature_key as this data source's webhook_secret";
    }
}
