package dev.tributary.runtime.webhook;

import dev.tributary.runtime.store.WebhookDay;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook deliveries of one data source, as counted in the run history (since the store was created).
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

    /** The sum of a source's days: counts added up, the latest times kept. */
    public static WebhookActivity of(String source, List<WebhookDay> days) {
        WebhookActivity total = none(source);
        for (WebhookDay day : days) {
            total = new WebhookActivity(source, total.applied + day.applied(), total.duplicates + day.duplicates(),
                    total.ignored + day.ignored(), total.refused + day.refused(),
                    latest(total.lastEventTime, day.lastEventTime()),
                    latest(total.lastReceivedAt, Optional.of(day.lastReceivedAt())));
        }
        return total;
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }
}
