package dev.tributary.runtime.typing;

import dev.tributary.spi.destination.TypedWrite;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One batch as {@link EntityTyper} typed it.
 *
 * @param records the records to write, in the order of {@code write}'s rows: all given, except those a
 *     {@code discard_row} contract left out
 * @param write the typed form of {@code records}
 * @param discarded under {@code discard_row}, the source path of each field that made records be left out and how
 *     many; under {@code discard_value}, the path of each field whose values were left out of the typed columns and
 *     how many; empty otherwise
 * @param warnings sentences for the log about fields stored differently from what their names suggest (renamed,
 *     truncated, kept as JSON); each field is warned about once per typer, when its column appears
 */
public record TypedBatch(List<Map<String, Object>> records, TypedWrite write, Map<String, Integer> discarded,
        List<String> warnings) {

    public TypedBatch {
        records = List.copyOf(records);
        Objects.requireNonNull(write, "write");
        discarded = Collections.unmodifiableMap(new LinkedHashMap<>(discarded));
        warnings = List.copyOf(warnings);
    }

    /** The total of {@link #discarded()}. */
    public int discardedCount() {
        return discarded.values().stream().mapToInt(Integer::intValue).sum();
    }
}
