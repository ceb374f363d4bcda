package dev.tributary.runtime.cli;

import dev.tributary.runtime.source.SourceEntitySchema;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The text form of the schemas connectors declare: per entity a table of its fields, nested ones by path
 * ({@code address.city}, and {@code items[].price} for the fields of an array's object elements), and for a stored
 * data source the columns its tables have in each target database.
 */
final class SchemaText {

    private SchemaText() {
    }

    /** Prints each entity's heading and its field table, or that it declares no schema. */
    static void print(PrintWriter out, List<EntityDescriptor> entities) {
        for (int i = 0; i < entities.size(); i++) {
            if (i > 0) {
                out.println();
            }
            printFields(out, entities.get(i));
        }
        out.flush();
    }

    /**
     * Prints each entity's heading and field table, then per target database the columns of its typed table and
     * child tables ({@code COLUMN}, {@code TYPE}, {@code SOURCE PATH}), that it has none yet, or why it could not
     * be read.
     */
    static void printWithTables(PrintWriter out, List<SourceEntitySchema> schemas) {
        for (int i = 0; i < schemas.size(); i++) {
            if (i > 0) {
                out.println();
            }
            printFields(out, schemas.get(i).entity());
            for (SourceEntitySchema.Target target : schemas.get(i).targets()) {
                printTables(out, target);
            }
        }
        out.flush();
    }

    private static void printFields(PrintWriter out, EntityDescriptor entity) {
        out.println(entity.name() + " (primary key " + String.join(", ", entity.primaryKey())
                + entity.cursorField().map(cursor -> ", cursor " + cursor).orElse("") + ")");
        if (entity.schema().isEmpty()) {
            out.println("  no schema declared");
            return;
        }
        TextTable table = new TextTable("  FIELD", "TYPE", "FORMAT", "NULLABLE", "DESCRIPTION");
        addRows(table, "", entity.schema().get().fields());
        table.print(out);
    }

    private static void printTables(PrintWriter out, SourceEntitySchema.Target target) {
        if (target.error().isPresent()) {
            out.println("  tables in " + target.targetDatabase() + " could not be read: " + target.error().get());
            return;
        }
        if (target.layout().isEmpty()) {
            out.println("  no typed table in " + target.targetDatabase()
                    + " (not synced yet, or the destination stores records as _record JSON only)");
            return;
        }
        EntityLayout layout = target.layout().get();
        out.println("  table " + layout.table().name() + " in " + target.targetDatabase());
        printColumns(out, layout.table());
        for (TableLayout child : layout.children()) {
            out.println("  child table " + child.name());
            printColumns(out, child);
        }
    }

    private static void printColumns(PrintWriter out, TableLayout layout) {
        TextTable table = new TextTable("    COLUMN", "TYPE", "SOURCE PATH");
        for (Column column : layout.keyColumns()) {
            table.row("    " + column.name() + " (key)", typeName(column), sourcePath(column));
        }
        for (Column column : layout.columns()) {
            table.row("    " + column.name(), typeName(column), sourcePath(column));
        }
        table.print(out);
    }

    private static String typeName(Column column) {
        return column.type().name().toLowerCase(Locale.ROOT);
    }

    private static String sourcePath(Column column) {
        return column.sourcePath().isEmpty() ? "-" : column.sourcePath();
    }

    /** How many fields the entity declares, nested ones included: the rows {@link #print} shows for it. */
    static int fieldCount(List<SchemaField> fields) {
        return fields.stream().mapToInt(field -> 1 + fieldCount(field.fields())).sum();
    }

    private static void addRows(TextTable table, String prefix, List<SchemaField> fields) {
        for (SchemaField field : fields) {
            String path = prefix + field.name();
            table.row("  " + path, field.type().name().toLowerCase(Locale.ROOT),
                    field.format() == ValueFormat.DEFAULT ? "-" : field.format().name().toLowerCase(Locale.ROOT),
                    field.nullable() ? "yes" : "no", field.description());
            addRows(table, path + (field.type() == FieldType.ARRAY ? "[]." : "."), field.fields());
        }
    }
}
