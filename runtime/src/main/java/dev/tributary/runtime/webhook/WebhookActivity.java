package dev.tributary.runtime.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook deliveries of one data source since the runtime started.
 *
 * @param source the data source
 * @param applied deliveries applied
 * @param duplicates verified deliveries of events applied before
 * @param ignored verified deliveries of event types that change no table
 * @param refused deliveries that failed verification
 * @param lastEventTime the source time of the newest event applied, absent before the first
 * @param lastReceivedAt when the last delivery (of any outcome) arrived, absent before the first
 */
public record WebhookActivity(String source, long applied, long duplicates, long ignored, long refused,
        Optional<Instant> lastEventTime, Optional<Instant> lastReceivedAt) {

    public WebhookActivity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(lastReceivedAt, "lastReceivedAt");
    }

    /** No delivery yet. */
    public static WebhookActivity none(String source) {
        return new WebhookActivity(source, 0, 0, 0, 0, Optional.empty(), Optional.empty());
    }

    /** A copy counting one more delivery received at {@code at}. */
    WebhookActivity plus(WebhookReceipt receipt, Instant at) {
        WebhookReceipt.Status status = receipt.status();
        Optional<Instant> newest = lastEventTime;
        if (status == WebhookReceipt.Status.APPLIED && receipt.eventTime().isPresent()
                && (newest.isEmpty() || receipt.eventTime().get().isAfter(newest.get()))) {
            newest = receipt.eventTime();
        }
        return new WebhookActivity(source, applied + (status == WebhookReceipt.Status.APPLIED ? 1 : 0),
                duplicates + (status == WebhookReceipt.Status.DUPLICATE ? 1 : 0),
                ignored + (status == WebhookReceipt.Status.IGNORED ? 1 : 0),
                refused + (status == WebhookReceipt.Status.REFUSED ? 1 : 0), newest, Optional.of(at));
    }
}
