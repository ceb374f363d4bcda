package dev.tributary.runtime.typing;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A typed row as an unmodifiable {@link Map} from column name to value, backed by an array indexed by the table's
 * {@link RowSlots}: the map holds the columns whose value is not null, in slot order. Third-party destinations read
 * it as any map; the runtime's JDBC writer reads it by slot ({@link #valueAt}) without a look-up per column. The
 * typer fills it before handing it over and never changes it after.
 */
public final class SlotRow extends AbstractMap<String, Object> {

    private RowSlots slots;
    private Object[] values;
    private int size;
    private Set<Map.Entry<String, Object>> entries;

    SlotRow(RowSlots slots) {
        this.slots = slots;
        this.values = new Object[slots.size()];
    }

    /** Sets the (non-null) value of the slot of {@code slots}, a version of this row's slots or a later one. */
    void set(RowSlots current, int slot, Object value) {
        if (slot >= values.length) {
            values = Arrays.copyOf(values, Math.max(current.size(), slot + 1));
        }
        if (current.size() > slots.size()) {
            slots = current;
        }
        if (values[slot] == null) {
            size++;
        }
        values[slot] = value;
    }

    /** The slots this row's values are indexed by. */
    public RowSlots slots() {
        return slots;
    }

    /** The value in {@code slot} (of {@link #slots()} or a version that {@linkplain RowSlots#covers covers} it). */
    public Object valueAt(int slot) {
        return slot < values.length ? values[slot] : null;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        int slot = slots.slot(name);
        return slot < 0 ? null : valueAt(slot);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        if (entries == null) {
            entries = new Entries();
        }
        return entries;
    }

    /** The non-null slots as entries, in slot order. */
    private final class Entries extends AbstractSet<Map.Entry<String, Object>> {

        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
            return new Iterator<>() {
                private int next = advance(0);

                private int advance(int from) {
                    int slot = from;
                    while (slot < values.length && values[slot] == null) {
                        slot++;
                    }
                    return slot;
                }

                @Override
                public boolean hasNext() {
                    return next < values.length;
                }

                @Override
                public Map.Entry<String, Object> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, Object> entry = new SimpleImmutableEntry<>(slots.name(next), values[next]);
                    next = advance(next + 1);
                    return entry;
                }
            };
        }
    }
}
