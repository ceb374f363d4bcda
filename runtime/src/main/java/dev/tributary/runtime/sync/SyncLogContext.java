package dev.tributary.runtime.sync;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * The SLF4J MDC keys every log line of a sync carries — {@value #SOURCE}, {@value #ENTITY} and, for a stored data
 * source's run, {@value #RUN} — and the way they travel onto the engine's writer and fetcher threads (the MDC is per
 * thread). Log formats print them as fields; values are names and ids, never configuration.
 */
public final class SyncLogContext {

    /** The data source's name (the connector id for an ad-hoc sync). */
    public static final String SOURCE = "source";
    /** The entity being synced. */
    public static final String ENTITY = "entity";
    /** The run id of a stored data source's sync. */
    public static final String RUN = "run";

    private SyncLogContext() {
    }

    /** {@code task} running with the calling thread's MDC plus {@code key = value}, restoring the worker's MDC after. */
    static <T> Callable<T> carrying(String key, String value, Callable<T> task) {
        Map<String, String> context = snapshot();
        context.put(key, value);
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            MDC.setContextMap(context);
            try {
                return task.call();
            } finally {
                restore(previous);
            }
        };
    }

    /** {@code task} running with the calling thread's MDC, restoring the worker's MDC after. */
    static Runnable carrying(Runnable task) {
        Map<String, String> context = snapshot();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            MDC.setContextMap(context);
            try {
                task.run();
            } finally {
                restore(previous);
            }
        };
    }

    private static Map<String, String> snapshot() {
        Map<String, String> current = MDC.getCopyOfContextMap();
        return current == null ? new HashMap<>() : new HashMap<>(current);
    }

    private static void restore(Map<String, String> previous) {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
