package dev.tributary.runtime.source;

import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.LastPerKey;
import dev.tributary.runtime.typing.TypedBatch;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Settings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives an event's table changes their typed form for one typed-tables destination, the way a sync types a batch:
 * the records reduced to the last one per key, typed by an {@link EntityTyper} that starts from the layout the
 * destination has now, under the data source's typing settings ({@code schema_contract}, {@code keep_raw_record},
 * {@code max_nesting_depth}). A field the table has no column for yet becomes a schema change applied in the event's
 * transaction. An entity whose table does not exist yet, or is a blob-only table of an earlier version, is first
 * prepared as a sync's writer prepares it (created, or migrated in place). Stateless; thread-safe.
 */
final class EventTyping {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.webhooks");

    private final Settings settings;

    EventTyping(Settings settings) {
        this.settings = settings;
    }

    /**
     * The event with a typed form for every change that has records (deletions need none), or the event as given
     * when the destination has no typed tables.
     *
     * @throws dev.tributary.runtime.typing.SchemaContractException when the contract is {@code freeze} and the
     *     event has a field the table has no column for; nothing is applied
     * @throws dev.tributary.spi.destination.DestinationException when the layout cannot be read or prepared
     */
    EventWrite typed(Destination destination, EventWrite event, Map<String, EntityDescriptor> entities) {
        if (!destination.typedTables()) {
            return event;
        }
        String runId = "webhook " + event.eventId();
        List<EventWrite.TableChange> changes = event.changes().stream().map(change -> {
            if (change.records().isEmpty()) {
                return change;
            }
            EntityDescriptor entity = entities.get(change.table().entity());
            List<Map<String, Object>> records = LastPerKey.of(change.records(), entity.primaryKey(), entity.name());
            EntityTyper typer = new EntityTyper(entity.name(), entity.primaryKey(), entity.schema(),
                    layout(destination, change), TypingSettings.of(settings, destination.maxIdentifierLength()));
            TypedBatch typed = typer.typeBatch(records, runId);
            typed.warnings().forEach(warning -> LOG.warn("{}", warning));
            if (!typed.discarded().isEmpty()) {
                LOG.warn("event {}: schema_contract {} left out {} of entity '{}': {}", event.eventId(),
                        settings.schemaContract().settingValue(), typed.discardedCount(), entity.name(),
                        typed.discarded());
            }
            return new EventWrite.TableChange(change.table(), typed.records(), change.deletedKeys(),
                    Optional.of(typed.write()));
        }).toList();
        return event.withChanges(changes);
    }

    /** The entity's current layout; prepares its tables as a sync would when they are missing or blob-only. */
    private static EntityLayout layout(Destination destination, EventWrite.TableChange change) {
        Optional<EntityLayout> layout = destination.readLayout(change.table());
        if (layout.isPresent()) {
            return layout.get();
        }
        // Serialises this process's first deliveries to one table, so that they do not create it twice.
        synchronized (destination) {
            layout = destination.readLayout(change.table());
            if (layout.isPresent()) {
                return layout.get();
            }
            try (EntityWriter writer = destination.openWriter(change.table(),
                    SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty()))) {
                return writer.layout().orElseThrow(() -> new IllegalStateException("destination "
                        + destination.describe() + " declares typed tables but its writer gives no layout for '"
                        + change.table().entity() + "'; its EntityWriter.layout() must return the table it prepared"));
            }
        }
    }
}
