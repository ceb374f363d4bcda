package dev.tributary.runtime.typing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The slot of each column name in the {@link SlotRow}s of one table: key columns first, then {@code _record} for an
 * entity table, then the data columns in the order they appeared. A table's slots only grow: adding a column makes
 * a new instance that extends the previous one (same slots for the same names), so rows typed before the column
 * appeared stay valid. Immutable and thread-safe.
 */
public final class RowSlots {

    /** Identifies the table whose slots these are: every version of them shares it. */
    private final Object lineage;
    private final String[] names;
    private final Map<String, Integer> index;

    private RowSlots(Object lineage, String[] names, Map<String, Integer> index) {
        this.lineage = lineage;
        this.names = names;
        this.index = index;
    }

    /** Slots for {@code names}, in order, of a new table. */
    static RowSlots of(Iterable<String> names) {
        RowSlots slots = new RowSlots(new Object(), new String[0], Map.of());
        for (String name : names) {
            slots = slots.with(name);
        }
        return slots;
    }

    /** These slots and {@code name}'s, the next one; this instance when {@code name} already has a slot. */
    RowSlots with(String name) {
        if (index.containsKey(name)) {
            return this;
        }
        Map<String, Integer> grown = new HashMap<>(index);
        grown.put(name, names.length);
        String[] longer = Arrays.copyOf(names, names.length + 1);
        longer[names.length] = name;
        return new RowSlots(lineage, longer, grown);
    }

    /** The slot of column {@code name}, or -1 when it has none. */
    public int slot(String name) {
        Integer slot = index.get(name);
        return slot == null ? -1 : slot;
    }

    /** How many slots there are. */
    public int size() {
        return names.length;
    }

    String name(int slot) {
        return names[slot];
    }

    /**
     * Whether a slot of {@code other} is the same column here: both are versions of one table's slots and this one
     * has at least as many.
     */
    public boolean covers(RowSlots other) {
        return lineage == other.lineage && names.length >= other.names.length;
    }
}
