package dev.tributary.runtime.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the runtime did with one webhook delivery. Only {@link Status#APPLIED}, {@link Status#DUPLICATE} and
 * {@link Status#IGNORED} deliveries are answered 2xx; the {@link #detail()} of a refused one is for the log only.
 *
 * @param source the data source the delivery was addressed to
 * @param status the outcome
 * @param eventId the source's event id, when the delivery was verified
 * @param eventType the source's event type, when the delivery was verified
 * @param eventTime when the change happened at the source, when the delivery was verified
 * @param detail a sentence for logs: why it was refused or ignored, or what was applied; never a secret or the body
 * @param upserted records written, summed over the target databases
 * @param deleted rows newly marked deleted, summed over the target databases
 * @param skipped records and deletions left out because the row holds a later change or is deleted
 */
public record WebhookReceipt(String source, Status status, Optional<String> eventId, Optional<String> eventType,
        Optional<Instant> eventTime, String detail, int upserted, int deleted, int skipped) {

    /** The outcome of a delivery. */
    public enum Status {
        /** Verified and applied to every target database in one transaction each. */
        APPLIED,
        /** Verified, but every target database had applied this event id already: nothing changed. */
        DUPLICATE,
        /** Verified, but of an event type that changes no table. */
        IGNORED,
        /** Not verified (forged, tampered, missing or stale signature, unreadable body): nothing changed. */
        REFUSED,
        /** No such data source, or it takes no webhooks. */
        NOT_FOUND
    }

    public WebhookReceipt {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(detail, "detail");
    }

    /** A delivery that changed nothing and names no event. */
    public static WebhookReceipt of(String source, Status status, String detail) {
        return new WebhookReceipt(source, status, Optional.empty(), Optional.empty(), Optional.empty(), detail, 0, 0,
                0);
    }

    /** Whether the source should be answered 2xx (and so stop retrying). */
    public boolean succeeded() {
        return status == Status.APPLIED || status == Status.DUPLICATE || status == Status.IGNORED;
    }
}
