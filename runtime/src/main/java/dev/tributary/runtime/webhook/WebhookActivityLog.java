package dev.tributary.runtime.webhook;

import dev.tributary.runtime.store.WebhookDay;
import dev.tributary.runtime.store.WebhookHistory;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the webhook deliveries of each data source per UTC day in the run history ({@link WebhookHistory}, so the
 * counts survive restarts) and tells listeners of each one, e.g. the server's progress stream. Deliveries to unknown sources are not counted. Thread-safe.
 */
public final class WebhookActivityLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.webhooks");

    private final List<Consumer<WebhookReceipt>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final WebhookHistory history;

    /**
     * @param clock the clock of the delivery times
     * @param history where the counts are kept
     */
    public WebhookActivityLog(Clock clock, WebhookHistory history) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Counts a delivery in the run history and tells the listeners; a listener that throws is logged and skipped.
     * The delivery was answered from its own outcome already, so a store that cannot be written is logged (the count
     * is lost), never thrown.
     */
    public void record(WebhookReceipt receipt) {
        outcome(receipt.status()).ifPresent(outcome -> {
            try {
                history.record(receipt.source(), outcome, receipt.eventTime(), clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("could not count a webhook delivery for {} in the run history: {}", receipt.source(),
                        e.getMessage());
            }
        });
        for (Consumer<WebhookReceipt> listener : listeners) {
            try {
                listener.accept(receipt);
            } catch (RuntimeException e) {
                LOG.warn("a webhook listener failed: {}", e.toString());
            }
        }
    }

    /** The activity of a data source, all days added up; {@link WebhookActivity#none} before its first delivery. */
    public WebhookActivity of(String source) {
        return WebhookActivity.of(source, history.allDays(source));
    }

    /** The newest days with deliveries first, at most {@code limit}. */
    public List<WebhookDay> days(String source, int limit) {
        return history.days(source, limit);
    }

    private static Optional<WebhookDay.Outcome> outcome(WebhookReceipt.Status status) {
        return switch (status) {
            case APPLIED -> Optional.of(WebhookDay.Outcome.APPLIED);
            case DUPLICATE -> Optional.of(WebhookDay.Outcome.DUPLICATE);
            case IGNORED -> Optional.of(WebhookDay.Outcome.IGNORED);
            case REFUSED -> Optional.of(WebhookDay.Outcome.REFUSED);
            case NOT_FOUND -> Optional.empty();
        };
    }

    /** Adds a listener told of every delivery, on the delivering thread, after it was applied. */
    public void addListener(Consumer<WebhookReceipt> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added before. */
    public void removeListener(Consumer<WebhookReceipt> listener) {
        listeners.remove(listener);
    }
}
