package dev.tributary.runtime.webhook;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the webhook deliveries of each data source (in memory, since the runtime started) and tells listeners of
 * each one, e.g. the server's progress stream. Deliveries to unknown sources are not counted. Thread-safe.
 */
public final class WebhookActivityLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.webhooks");

    private final Map<String, WebhookActivity> activity = new ConcurrentHashMap<>();
    private final List<Consumer<WebhookReceipt>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public WebhookActivityLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Counts a delivery and tells the listeners; a listener that throws is logged and skipped. */
    public void record(WebhookReceipt receipt) {
        if (receipt.status() != WebhookReceipt.Status.NOT_FOUND) {
            activity.compute(receipt.source(), (source, current) ->
                    (current == null ? WebhookActivity.none(source) : current).plus(receipt, clock.instant()));
        }
        for (Consumer<WebhookReceipt> listener : listeners) {
            try {
                listener.accept(receipt);
            } catch (RuntimeException e) {
                LOG.warn("a webhook listener failed: {}", e.toString());
            }
        }
    }

    /** The activity of a data source; {@link WebhookActivity#none} before its first delivery. */
    public WebhookActivity of(String source) {
        return activity.getOrDefault(source, WebhookActivity.none(source));
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
