package dev.tributary.spi.destination;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
     * <p>For a destination whose {@link Destination#typedTables()} is true the runtime adds {@code typed}: the
     * typed form of {@code records}, computed as for a sync's batch from the layout that
     * {@link Destination#readLayout(EntityTable)} gave just before. The destination applies it in the event's
     * transaction like {@link TypedWrite}'s Javadoc says for a batch, for the records it keeps: it applies the schema
     * changes (a change the table already has, such as a column a concurrent sync added with the same type, is
     * skipped), writes the typed columns of the kept records' rows and replaces the child rows of their keys. Rows
     * of records it leaves out (older events, deleted rows) and their child rows are not touched; deletions mark
     * {@code _deleted_at} and leave the child rows as they were, as a sync's deletions do.
     *
     * @param table the entity's table; its prefix is the event's
     * @param records records to upsert on the primary key, applied unless the row holds a later change or is deleted
     * @param deletedKeys maps holding at least the primary-key field(s) of rows to mark deleted; a deletion is final
     * @param typed the typed form of {@code records} (one row per record, in the same order, one record per key);
     *     absent for destinations without typed tables, which store the records as JSON
     * @since 1.1
     */
    public record TableChange(EntityTable table, List<Map<String, Object>> records,
            List<Map<String, Object>> deletedKeys, Optional<TypedWrite> typed) {

        public TableChange {
            Objects.requireNonNull(table, "table");
            records = List.copyOf(Objects.requireNonNull(records, "records"));
            deletedKeys = List.copyOf(Objects.requireNonNull(deletedKeys, "deletedKeys"));
            Objects.requireNonNull(typed, "typed");
            if (typed.isPresent() && typed.get().rows().size() != records.size()) {
                throw new IllegalArgumentException("the typed form of the change to " + table.entity() + " has "
                        + typed.get().rows().size() + " rows for " + records.size() + " records");
            }
        }

        /** A change without a typed form, as built before typed event writes. */
        public TableChange(EntityTable table, List<Map<String, Object>> records,
                List<Map<String, Object>> deletedKeys) {
            this(table, records, deletedKeys, Optional.empty());
        }

        /**
         * A copy with a typed form of the records.
         *
         * @throws IllegalArgumentException when {@code value} has not one row per record
         */
        public TableChange withTyped(TypedWrite value) {
            return new TableChange(table, records, deletedKeys, Optional.of(value));
        }
    }

    /** A copy with other changes; the ids and times stay. */
    public EventWrite withChanges(List<TableChange> value) {
        return new EventWrite(prefix, eventId, eventTime, appliedAt, value);
    }
}
