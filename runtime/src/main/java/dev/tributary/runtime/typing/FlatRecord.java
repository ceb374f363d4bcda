package dev.tributary.runtime.typing;

import java.util.List;
import java.util.Map;

/**
 * A record with the typing work that does not depend on the table's layout already done: its key texts, its values
 * flattened to the column each will go to and converted to their natural type, its arrays of objects split into
 * elements, and its {@code _record} JSON text. Made by a {@link RecordFlattener} on the fetching thread, so that the
 * writer only places the values into the layout's columns. Immutable once made.
 */
public final class FlatRecord {

    private final Map<String, Object> record;
    private final List<String> key;
    private final List<FlatPart> parts;
    private final String json;

    FlatRecord(Map<String, Object> record, List<String> key, List<FlatPart> parts, String json) {
        this.record = record;
        this.key = key;
        this.parts = parts;
        this.json = json;
    }

    /** The record as the connector gave it. */
    public Map<String, Object> record() {
        return record;
    }

    /** The texts of its primary-key values, in the order of the entity's primary-key fields. */
    public List<String> key() {
        return key;
    }

    List<FlatPart> parts() {
        return parts;
    }

    /** The raw record's JSON text; null when the data source keeps no raw records. */
    String json() {
        return json;
    }
}
