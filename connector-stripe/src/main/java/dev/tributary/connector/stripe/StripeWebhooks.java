package dev.tributary.connector.stripe;

import com.google.gson.JsonParseException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.tributary.spi.webhook.EntityChange;
import dev.tributary.spi.webhook.WebhookEvent;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookReceiver;
import dev.tributary.spi.webhook.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Receives Stripe webhook deliveries: verifies the {@code Stripe-Signature} header with stripe-java's
 * {@link Webhook#constructEvent} (HMAC-SHA256 over {@code t.payload}, any of several {@code v1} signatures, as Stripe
 * sends while an endpoint secret is rolled, a timestamp at most {@value #TOLERANCE_SECONDS} s away from now), then
 * maps the event's {@code data.object} to the entity whose events the sync reads, exactly as an incremental sync
 * applies it: a {@code *.deleted} event of a deletable resource marks the object deleted, every other event upserts
 * the object's snapshot. Thread-safe.
 */
final class StripeWebhooks implements WebhookReceiver {

    /** Stripe's recommended tolerance between the signed timestamp and now. */
    static final long TOLERANCE_SECONDS = 300;
    static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final String secret;
    private final Clock clock;

    StripeWebhooks(String secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public WebhookOutcome receive(WebhookRequest request) {
        Optional<String> signature = request.header(SIGNATURE_HEADER);
        if (signature.isEmpty()) {
            return WebhookOutcome.refused("no " + SIGNATURE_HEADER + " header");
        }
        String payload = request.bodyText();
        try {
            Webhook.constructEvent(payload, signature.get(), secret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            return WebhookOutcome.refused(reason(e));
        } catch (JsonParseException | IllegalStateException e) {
            return WebhookOutcome.refused("the signed body is not a Stripe event");
        }
        Map<String, Object> event;
        try {
            event = RawJson.parseObject(payload);
        } catch (RawJson.MalformedJsonException e) {
            return WebhookOutcome.refused("the signed body is not a JSON object");
        }
        return map(event);
    }

    private static String reason(SignatureVerificationException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("tolerance")) {
            return "the signed timestamp is more than " + TOLERANCE_SECONDS + " s away from now (stale or replayed)";
        }
        if (message.contains("Unable to extract")) {
            return "the " + SIGNATURE_HEADER + " header is malformed";
        }
        if (message.contains("No signatures found with expected scheme")) {
            return "the " + SIGNATURE_HEADER + " header has no v1 signature";
        }
        return "no v1 signature matches the body and the webhook secret";
    }

    private static WebhookOutcome map(Map<String, Object> event) {
        if (!(event.get("id") instanceof String id) || !(event.get("type") instanceof String type)
                || !(event.get("created") instanceof Number created)) {
            return WebhookOutcome.refused("the event has no id, type or created time");
        }
        if (!(event.get("data") instanceof Map<?, ?> data) || !(data.get("object") instanceof Map<?, ?> object)
                || !(object.get("id") instanceof String objectId)) {
            return WebhookOutcome.ignored("event type " + type + " carries no object with an id");
        }
        Optional<StripeEntity> entity = Arrays.stream(StripeEntity.values())
                .filter(candidate -> candidate.objectType().equals(object.get("object"))
                        && candidate.eventTypes().contains(type))
                .findFirst();
        if (entity.isEmpty()) {
            return WebhookOutcome.ignored("event type " + type + " is not synced by the Stripe connector");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) object);
        String name = entity.get().entityName();
        EntityChange change = entity.get().isDeletion(type)
                ? EntityChange.deletion(name, Map.of("id", objectId))
                : EntityChange.upsert(name, record);
        return WebhookOutcome.accepted(new WebhookEvent(id, type, Instant.ofEpochSecond(created.longValue()),
                List.of(change)));
    }

    @Override
    public String registrationHint() {
        return "Stripe Dashboard > Developers > Webhooks > Add endpoint: paste this URL, select the customer.*, "
                + "customer.subscription.*, charge.*, invoice.*, product.*, plan.* and price.* events, then set "
                + "the endpoint's signing secret (whsec_...) as this data source's webhook_secret";
    }
}
