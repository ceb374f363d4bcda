package dev.tributary.runtime.store;

/** What started a sync run. */
public enum RunTrigger {
    /** A {@code tributary sync} command, or an embedding application. */
    CLI,
    /** A request to the API server. */
    API,
    /** The server's scheduler, from the data source's cron schedule. */
    SCHEDULE
}
