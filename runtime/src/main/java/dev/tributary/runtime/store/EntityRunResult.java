package dev.tributary.runtime.store;

import java.util.Objects;
import java.util.Optional;

/**
 * How one entity fared in one target database during a run.
 *
 * @param targetDatabase the destination URL, passwords hidden
 * @param entity the entity's name
 * @param status {@link RunStatus#SUCCEEDED}, {@link RunStatus#FAILED} or {@link RunStatus#CANCELLED}
 * @param records records written
 * @param deletions deletions the source reported and the destination recorded
 * @param errors failed attempts, retried ones included
 * @param error the final error message when the entity failed; absent otherwise
 * @param discarded records the data source's {@code schema_contract discard_row} left out; not in {@code records}
 */
public record EntityRunResult(
        String targetDatabase,
        String entity,
        RunStatus status,
        long records,
        long deletions,
        long errors,
        Optional<String> error,
        long discarded) {

    /** A result with nothing discarded. */
    public EntityRunResult(String targetDatabase, String entity, RunStatus status, long records, long deletions,
            long errors, Optional<String> error) {
        this(targetDatabase, entity, status, records, deletions, errors, error, 0);
    }

    public EntityRunResult {
        targetDatabase = RedactedUrl.of(Objects.requireNonNull(targetDatabase, "targetDatabase"));
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(status, "status");
        if (!status.isFinal() || status == RunStatus.PARTIAL) {
            throw new IllegalArgumentException("an entity ends SUCCEEDED, FAILED or CANCELLED, not " + status);
        }
        if (records < 0 || deletions < 0 || errors < 0 || discarded < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        Objects.requireNonNull(error, "error");
    }
}
