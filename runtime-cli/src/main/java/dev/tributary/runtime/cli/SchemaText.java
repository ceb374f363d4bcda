package dev.tributary.runtime.cli;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The text form of the schemas connectors declare: per entity a table of its fields, nested ones by path
 * ({@code address.city}, and {@code items[].price} for the fields of an array's object elements).
 */
final class SchemaText {

    private SchemaText() {
    }

    /** Prints each entity's heading and its field table, or that it declares no schema. */
    static void print(PrintWriter out, List<EntityDescriptor> entities) {
        boolean first = true;
        for (EntityDescriptor entity : entities) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(entity.name() + " (primary key " + String.join(", ", entity.primaryKey())
                    + entity.cursorField().map(cursor -> ", cursor " + cursor).orElse("") + ")");
            if (entity.schema().isEmpty()) {
                out.println("  no schema declared");
                continue;
            }
            TextTable table = new TextTable("  FIELD", "TYPE", "FORMAT", "NULLABLE", "DESCRIPTION");
            addRows(table, "", entity.schema().get().fields());
            table.print(out);
        }
        out.flush();
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
