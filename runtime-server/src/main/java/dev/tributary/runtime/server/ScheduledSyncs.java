package dev.tributary.runtime.server;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link Scheduler} needs from the runtime: the data sources with a schedule, and a way to start a sync.
 * Implementations are thread-safe.
 */
interface ScheduledSyncs {

    /** The enabled data sources that have a schedule; never null. */
    List<ScheduledSource> scheduled();

    /** Whether a sync of the named source is running now. */
    boolean isRunning(String source);

    /**
     * Starts a sync of the named source in the background.
     *
     * @throws ApiError with status 409 when one is already running (a race with {@link #isRunning})
     * @throws dev.tributary.runtime.store.SyncAlreadyRunningException when another process runs it
     */
    void start(String source);

    /**
     * A data source with a schedule.
     *
     * @param name the data source's name
     * @param cron a Unix cron expression (minute hour day-of-month month day-of-week)
     * @param zone the time zone the expression is read in
     * @param since ticks up to and including this instant are taken as handled: the start of the source's last run,
     *     or its creation when it never ran
     */
    record ScheduledSource(String name, String cron, ZoneId zone, Instant since) {
        public ScheduledSource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cron, "cron");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(since, "since");
        }
    }
}
