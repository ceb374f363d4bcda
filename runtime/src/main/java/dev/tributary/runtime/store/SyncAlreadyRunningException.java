package dev.tributary.runtime.store;

import java.time.Instant;

/** Another sync of the same data source holds its lease; this one was refused before it started. */
public final class SyncAlreadyRunningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Names the data source, the holder, its run and when its lease lapses if it stops renewing it. */
    public SyncAlreadyRunningException(String sourceName, String owner, String runId, Instant since,
            Instant expires) {
        super("data source '" + sourceName + "' is already being synced (run " + runId + " by " + owner
                + ", started " + since + "); wait for it to finish. If that process died, its lease lapses at "
                + expires + " and the next sync takes over");
    }
}
