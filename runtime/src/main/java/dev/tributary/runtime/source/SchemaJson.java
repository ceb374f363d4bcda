package dev.tributary.runtime.source;

import dev.tributary.runtime.plugin.EntityJson;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TableLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a {@link SourceEntitySchema}, shared by the CLI's {@code entities NAME --schema --json} and the
 * API's {@code GET /api/sources/{name}/schema} (documented in {@code docs/typed-tables.md}): the entity's
 * {@link EntityJson} form plus
 * <pre>{@code
 * "tables": [{"targetDatabase", "table": null | {"name", "keyColumns": [column], "columns": [column],
 *                                                "children": [{"name", "parent", "keyColumns", "columns"}]},
 *             "error": null | "why the layout could not be read"}]
 * column = {"name", "type", "sourcePath", "description"}
 * }</pre>
 * {@code type} is the lowercase name of {@link dev.tributary.spi.destination.ColumnType}. Every key is always
 * present. Stateless.
 */
public final class SchemaJson {

    private SchemaJson() {
    }

    /** The JSON form of an entity with its declared schema and its tables in each target database. */
    public static Map<String, Object> of(SourceEntitySchema schema) {
        Map<String, Object> json = EntityJson.of(schema.entity());
        json.put("tables", schema.targets().stream().map(SchemaJson::target).toList());
        return json;
    }

    private static Map<String, Object> target(SourceEntitySchema.Target target) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("targetDatabase", target.targetDatabase());
        json.put("table", target.layout().map(SchemaJson::layout).orElse(null));
        json.put("error", target.error().orElse(null));
        return json;
    }

    private static Map<String, Object> layout(EntityLayout layout) {
        Map<String, Object> json = table(layout.table());
        json.put("children", layout.children().stream().map(child -> {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("name", child.name());
            table.put("parent", child.parent().orElseThrow());
            table.putAll(columns(child));
            return table;
        }).toList());
        return json;
    }

    private static Map<String, Object> table(TableLayout table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", table.name());
        json.putAll(columns(table));
        return json;
    }

    private static Map<String, Object> columns(TableLayout table) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keyColumns", columns(table.keyColumns()));
        json.put("columns", columns(table.columns()));
        return json;
    }

    private static List<Map<String, Object>> columns(List<Column> columns) {
        return columns.stream().map(column -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", column.name());
            json.put("type", column.type().name().toLowerCase(Locale.ROOT));
            json.put("sourcePath", column.sourcePath());
            json.put("description", column.description());
            return (Map<String, Object>) json;
        }).toList();
    }
}
