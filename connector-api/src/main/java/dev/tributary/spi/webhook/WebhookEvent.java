package dev.tributary.spi.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A verified webhook event turned into table changes.
 *
 * @param id the source's event id, unique per source (Stripe {@code evt_...}, Close {@code ev_...}); the runtime
 *     applies each id once, so a redelivery changes nothing
 * @param type the source's event type, e.g. {@code customer.updated}, for logs and counts
 * @param time when the change happened at the source (the event's creation time, or the object's own update time);
 *     a row already holding a change of a later time is not overwritten by this one
 * @param changes the changes per entity; never empty
 * @since 1.1
 */
public record WebhookEvent(String id, String type, Instant time, List<EntityChange> changes) {

    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        if (id.isBlank()) {
            throw new IllegalArgumentException("a webhook event needs its source's event id");
        }
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("webhook event " + id + " changes nothing; ignore it instead");
        }
    }
}
