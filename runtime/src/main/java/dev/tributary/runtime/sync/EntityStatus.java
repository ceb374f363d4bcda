package dev.tributary.runtime.sync;

/** Where one entity of a sync stands. */
public enum EntityStatus {
    /** Waiting for a free slot ({@code concurrency}). */
    PENDING,
    /** Fetching and writing. */
    RUNNING,
    /** Waiting because the source said it is over its rate limit. */
    RATE_LIMITED,
    /** Waiting to fetch again after a transient failure. */
    RETRYING,
    /** Finished; every record is committed. */
    DONE,
    /** Stopped by an error; what was committed stays, and the next run resumes from it. */
    FAILED,
    /** Stopped by cancellation; the next run resumes from the last commit. */
    CANCELLED;

    /** Whether the entity will not change any more. */
    public boolean isTerminal() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
