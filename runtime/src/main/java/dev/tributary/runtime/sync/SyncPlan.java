package dev.tributary.runtime.sync;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one entity run starts, decided from its stored state:
 * <ul>
 *   <li>an unfinished run resumes from its last committed position with its own mode and {@code since} (unless a
 *       full refresh is asked for and the unfinished run was incremental);</li>
 *   <li>a full refresh (asked for, the first sync, or an entity without cursor field) starts from nothing into a
 *       staging table;</li>
 *   <li>otherwise an incremental run starts at the highest committed cursor value minus the look-back window, with
 *       the last run's final state as checkpoint.</li>
 * </ul>
 *
 * @param start the state the run starts with (what the destination prepares tables for)
 * @param resumeState the position to resume from, for {@code FetchOptions.resumeState}
 * @param checkpoint the last finished run's final state, for {@code FetchOptions.checkpoint}
 * @param since the incremental lower bound, for {@code FetchOptions.since}
 */
record SyncPlan(SyncState start, Optional<String> resumeState, Optional<String> checkpoint, Optional<Instant> since) {

    static SyncPlan decide(Optional<SyncState> stored, EntityDescriptor entity, boolean fullRefresh,
            Duration lookBack) {
        if (stored.isPresent() && !stored.get().finished()
                && !(fullRefresh && stored.get().mode() == SyncMode.INCREMENTAL)) {
            SyncState resumed = stored.get();
            return new SyncPlan(resumed, resumed.position(), Optional.empty(), resumed.since());
        }
        if (fullRefresh || stored.isEmpty() || !entity.isIncremental()) {
            SyncState fresh = SyncState.started(SyncMode.FULL_REFRESH, Optional.empty(), Optional.empty());
            return new SyncPlan(fresh, Optional.empty(), Optional.empty(), Optional.empty());
        }
        SyncState last = stored.get();
        Optional<Instant> since = last.maxCursor().map(cursor -> cursor.minus(lookBack));
        SyncState incremental = new SyncState(SyncMode.INCREMENTAL, false, last.position(), since, last.maxCursor());
        return new SyncPlan(incremental, Optional.empty(), last.position(), since);
    }

    /** A phrase for the log: how the run starts. */
    String describe() {
        if (resumeState.isPresent()) {
            return "resuming an interrupted " + mode() + " run";
        }
        return mode() + since.map(s -> " since " + s).orElse("");
    }

    private String mode() {
        return start.mode() == SyncMode.FULL_REFRESH ? "full refresh" : "incremental sync";
    }
}
