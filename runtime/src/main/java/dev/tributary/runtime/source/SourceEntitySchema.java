package dev.tributary.runtime.source;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.destination.EntityLayout;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity of a stored data source as declared by its connector, next to the typed tables it has in each of the
 * source's target databases.
 *
 * @param entity the entity and its declared schema
 * @param targets one entry per target database, in the source's order
 */
public record SourceEntitySchema(EntityDescriptor entity, List<Target> targets) {

    public SourceEntitySchema {
        Objects.requireNonNull(entity, "entity");
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
    }

    /**
     * The entity's tables in one target database.
     *
     * @param targetDatabase the target database URL with any password replaced, safe to print
     * @param layout the typed layout the destination reports; absent when the table does not exist yet or is not
     *     typed (a JSON-only destination)
     * @param error why the layout could not be read (destination unreachable); absent when it was read
     */
    public record Target(String targetDatabase, Optional<EntityLayout> layout, Optional<String> error) {

        public Target {
            Objects.requireNonNull(targetDatabase, "targetDatabase");
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(error, "error");
            if (layout.isPresent() && error.isPresent()) {
                throw new IllegalArgumentException("a target has either a layout or an error, not both");
            }
        }
    }
}
