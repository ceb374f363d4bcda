package dev.tributary.runtime.store;

/** Where a sync run stands, or how it ended. */
public enum RunStatus {
    /** Still syncing (or its process died; the next sync of the source marks it {@link #FAILED}). */
    RUNNING,
    /** Every entity synced. */
    SUCCEEDED,
    /** Some entities synced, some failed. */
    PARTIAL,
    /** No entity synced, or the run could not start. */
    FAILED,
    /** Stopped on request. */
    CANCELLED;

    /** Whether the run has ended. */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
