package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.runtime.source.SourceEntitySchema;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.destination.Column;
import dev.tributary.spi.destination.ColumnType;
import dev.tributary.spi.destination.EntityLayout;
import dev.tributary.spi.destination.TableLayout;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaTextTest {

    @Test
    void printsTheColumnsOfATypedTableAndItsChildTablesAfterTheDeclaredFields() {
        EntityDescriptor orders = EntityDescriptor.of("orders").withSchema(EntitySchema.of(
                SchemaField.string("id").notNull(), SchemaField.object("total", SchemaField.number("amount")),
                SchemaField.array("lines", SchemaField.string("sku"))));
        TableLayout table = new TableLayout("shop_orders", List.of(new Column("id", ColumnType.STRING, "id", "")),
                List.of(new Column("total__amount", ColumnType.NUMBER, "total.amount", "")), Optional.empty());
        TableLayout lines = new TableLayout("shop_orders__lines",
                List.of(new Column("_parent_id", ColumnType.STRING, "id", ""),
                        new Column("_position", ColumnType.INTEGER, "", "")),
                List.of(new Column("sku", ColumnType.STRING, "lines.sku", "")), Optional.of("shop_orders"));
        SourceEntitySchema schema = new SourceEntitySchema(orders, List.of(
                new SourceEntitySchema.Target("jdbc:sqlite:/data/warehouse.db",
                        Optional.of(new EntityLayout(table, List.of(lines))), Optional.empty())));

        String out = print(List.of(schema));

        assertThat(out).containsPattern("\\n  total\\.amount\\s+number\\s+-\\s+yes\\n")
                .contains("\n  table shop_orders in jdbc:sqlite:/data/warehouse.db\n")
                .containsPattern("\\n    COLUMN\\s+TYPE\\s+SOURCE PATH\\n    id \\(key\\)\\s+string\\s+id\\n"
                        + "    total__amount\\s+number\\s+total\\.amount\\n  child table shop_orders__lines\\n")
                .containsPattern("\\n    _parent_id \\(key\\)\\s+string\\s+id\\n    _position \\(key\\)\\s+integer\\s+-\\n"
                        + "    sku\\s+string\\s+lines\\.sku\\n$");
        assertThat(out.indexOf("total.amount")).isLessThan(out.indexOf("table shop_orders"));
    }

    @Test
    void saysWhenATargetHasNoTypedTableOrCouldNotBeRead() {
        EntityDescriptor notes = EntityDescriptor.of("notes");
        String out = print(List.of(new SourceEntitySchema(notes, List.of(
                new SourceEntitySchema.Target("jdbc:sqlite:/a.db", Optional.empty(), Optional.empty()),
                new SourceEntitySchema.Target("jdbc:postgresql://db/x", Optional.empty(),
                        Optional.of("connection refused"))))));

        assertThat(out).isEqualTo("notes (primary key id)\n  no schema declared\n"
                + "  no typed table in jdbc:sqlite:/a.db (not synced yet, or the destination stores records as"
                + " _record JSON only)\n"
                + "  tables in jdbc:postgresql://db/x could not be read: connection refused\n");
    }

    private static String print(List<SourceEntitySchema> schemas) {
        StringWriter text = new StringWriter();
        SchemaText.printWithTables(new PrintWriter(text), schemas);
        return text.toString();
    }
}
