package dev.tributary.destination.support;

import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.destination.TypedWrite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a typed write down to some of its rows, with only their child rows: what an event writes of the records whose
 * rows hold no later change and are not deleted. Stateless.
 */
public final class TypedRowsKept {

    private TypedRowsKept() {
    }

    /** {@code typed} with the rows at {@code kept} (ascending indexes) and the child rows of their keys. */
    public static TypedWrite of(TypedWrite typed, List<Integer> kept) {
        if (kept.size() == typed.rows().size()) {
            return typed;
        }
        List<Column> parentKeys = typed.layout().table().keyColumns();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<List<Object>> keys = new HashSet<>();
        for (int index : kept) {
            Map<String, Object> row = typed.rows().get(index);
            rows.add(row);
            keys.add(parentKeys.stream().map(key -> row.get(key.name())).toList());
        }
        Map<String, List<Map<String, Object>>> children = new LinkedHashMap<>();
        typed.childRows().forEach((name, childRows) -> {
            TableLayout child = typed.layout().tableNamed(name).orElseThrow();
            List<Column> references = child.keyColumns().subList(0, parentKeys.size());
            children.put(name, childRows.stream()
                    .filter(row -> keys.contains(references.stream().map(key -> row.get(key.name())).toList()))
                    .toList());
        });
        return new TypedWrite(typed.layout(), typed.changes(), rows, children, typed.runId());
    }
}
