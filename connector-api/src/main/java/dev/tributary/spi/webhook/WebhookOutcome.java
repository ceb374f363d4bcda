package dev.tributary.spi.webhook;

import java.util.Objects;

/**
 * What a {@link WebhookReceiver} made of a delivery: an {@link Accepted accepted} event to apply, an
 * {@link Ignored ignored} one (verified, but of a type that changes no table), or a {@link Refused refused} delivery
 * (bad, missing or stale signature, malformed body). Connectors produce it, the runtime consumes it; kinds may be
 * added in minor versions.
 *
 * @since 1.1
 */
public sealed interface WebhookOutcome {

    /** A verified event to apply. */
    static WebhookOutcome accepted(WebhookEvent event) {
        return new Accepted(event);
    }

    /** A verified delivery that changes no table; the source is answered 2xx so it stops retrying. */
    static WebhookOutcome ignored(String reason) {
        return new Ignored(reason);
    }

    /** A delivery that failed verification or cannot be read; the source is answered 400 and nothing changes. */
    static WebhookOutcome refused(String reason) {
        return new Refused(reason);
    }

    /**
     * A verified event to apply.
     *
     * @param event the event
     * @since 1.1
     */
    record Accepted(WebhookEvent event) implements WebhookOutcome {
        public Accepted {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A verified delivery the connector does not map to any entity (e.g. an event type it does not sync).
     *
     * @param reason why, for the log, e.g. {@code event type payout.paid is not synced}; no secret, no body
     * @since 1.1
     */
    record Ignored(String reason) implements WebhookOutcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A delivery refused before anything was parsed into state.
     *
     * @param reason why, for the server's warning log, e.g. {@code signature does not match}; it must not contain
     *     the secret, the signature or the body, and is never sent back to the caller
     * @since 1.1
     */
    record Refused(String reason) implements WebhookOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
