package dev.tributary.runtime.sync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cancels a running sync: fetching stops (fetch threads are interrupted), nothing partial is committed, and the
 * next run resumes from the last committed batch. Cancelling is idempotent and may come from any thread (a signal
 * handler, a web request).
 *
 * <p>Thread-safe.
 */
public final class CancelHandle {

    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** Creates a handle that is not cancelled. */
    public CancelHandle() {
    }

    /** Requests cancellation; returns at once. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        callbacks.forEach(Runnable::run);
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code callback} on cancellation, at once when already cancelled. */
    void onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled) {
            callback.run();
        }
    }

    void remove(Runnable callback) {
        callbacks.remove(callback);
    }
}
