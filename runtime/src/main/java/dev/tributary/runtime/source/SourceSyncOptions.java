package dev.tributary.runtime.source;

import dev.tributary.runtime.store.RunTrigger;
import java.util.List;
import java.util.Objects;

/**
 * How to sync a stored data source.
 *
 * @param entities the entities to sync; empty for every available entity
 * @param fullRefresh whether to replace every table rather than sync incrementally
 * @param trigger what started the sync, recorded with the run
 */
public record SourceSyncOptions(List<String> entities, boolean fullRefresh, RunTrigger trigger) {

    public SourceSyncOptions {
        entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
        Objects.requireNonNull(trigger, "trigger");
    }

    /** Every entity, incrementally, started from the command line or an embedding application. */
    public static SourceSyncOptions all(RunTrigger trigger) {
        return new SourceSyncOptions(List.of(), false, trigger);
    }
}
