package dev.tributary.spi.destination;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One source event (a verified webhook delivery) to apply with {@link Destination#applyEvent(EventWrite)}: its
 * changes to one or more entity tables, applied in one transaction together with the record of the event id.
 *
 * @param prefix the data source's table prefix; event ids are unique per prefix
 * @param eventId the source's event id; an id already applied under this prefix changes nothing
 * @param eventTime when the change happened at the source; a row whose last applied change is later is left as is
 * @param appliedAt the time written into {@code _synced_at} (and {@code _deleted_at} for deletions)
 * @param changes the changes per table; never empty
 * @since 1.1
 */
public record EventWrite(String prefix, String eventId, Instant eventTime, Instant appliedAt,
        List<EventWrite.TableChange> changes) {

    public EventWrite {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(appliedAt, "appliedAt");
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("event " + eventId + " has no change to apply");
        }
    }

    /**
     * The changes of one event to one entity's table.
     *
     * @param table the entity's table; its prefix is the event's
     * @param records records to upsert on the primary key, applied unless the row holds a later change or is deleted
     * @param deletedKeys maps holding at least the primary-key field(s) of rows to mark deleted; a deletion is final
     * @since 1.1
     */
    public record TableChange(EntityTable table, List<Map<String, Object>> records,
            List<Map<String, Object>> deletedKeys) {

        public TableChange {
            Objects.requireNonNull(table, "table");
            records = List.copyOf(Objects.requireNonNull(records, "records"));
            deletedKeys = List.copyOf(Objects.requireNonNull(deletedKeys, "deletedKeys"));
        }
    }
}
