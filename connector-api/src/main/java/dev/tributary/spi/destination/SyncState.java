package dev.tributary.spi.destination;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The sync state of one entity, stored by the destination in the same transaction as the rows it describes.
 *
 * @param mode how the run that wrote this state writes its table
 * @param finished whether that run finished; when false, the next run resumes it from {@link #position()}
 * @param position the connector's resume state after the last committed batch (for a finished run: its final
 *     state, handed to the next run as {@code FetchOptions.checkpoint()}); absent before the first batch
 * @param since the incremental lower bound the run was started with, kept so a resumed run uses the same one
 * @param maxCursor the highest cursor-field value committed for the entity, from which the next incremental run's
 *     {@code since} is derived
 * @since 1.0
 */
public record SyncState(
        SyncMode mode, boolean finished, Optional<String> position, Optional<Instant> since,
        Optional<Instant> maxCursor) {

    public SyncState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(maxCursor, "maxCursor");
    }

    /** The state of a run that has started in {@code mode} with {@code since} but committed nothing yet. */
    public static SyncState started(SyncMode mode, Optional<Instant> since, Optional<Instant> maxCursor) {
        return new SyncState(mode, false, Optional.empty(), since, maxCursor);
    }

    /** A copy after one more committed batch. */
    public SyncState advancedTo(String newPosition, Optional<Instant> newMaxCursor) {
        return new SyncState(mode, false, Optional.of(newPosition), since, newMaxCursor);
    }

    /** A copy marking the run finished. */
    public SyncState asFinished() {
        return new SyncState(mode, true, position, since, maxCursor);
    }
}
