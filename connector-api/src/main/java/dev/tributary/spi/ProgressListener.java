package dev.tributary.spi;

import java.util.OptionalLong;

/**
 * Receives a connector's progress reports for one entity. Implemented by the runtime (and by tests).
 *
 * <p>Called on the connector's fetching thread; implementations must be quick and must not throw.
 *
 * @since 1.0
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every report. */
    ProgressListener NONE = (current, total) -> { };

    /**
     * Reports progress.
     *
     * @param current records fetched so far in this run of the entity
     * @param total the number of records the run will fetch, when the source tells it cheaply
     */
    void onProgress(long current, OptionalLong total);
}
