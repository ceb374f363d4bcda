package dev.tributary.spi.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.EntityDescriptor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaFieldTest {

    @Test
    void factoriesDescribeNestedObjectsAndArrays() {
        SchemaField address = SchemaField.object("address", SchemaField.string("city"), SchemaField.string("line1"));
        SchemaField items = SchemaField.array("items", SchemaField.string("id"), SchemaField.integer("quantity"));

        assertThat(address.type()).isEqualTo(FieldType.OBJECT);
        assertThat(address.field("city")).contains(SchemaField.string("city"));
        assertThat(items.fields()).extracting(SchemaField::name).containsExactly("id", "quantity");
        assertThat(SchemaField.string("id").notNull().nullable()).isFalse();
        assertThat(SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS).format())
                .isEqualTo(ValueFormat.EPOCH_SECONDS);
    }

    @Test
    void refusesNestedFieldsOnScalars() {
        assertThatThrownBy(() -> new SchemaField("email", FieldType.STRING, true, "",
                List.of(SchemaField.string("x")), ValueFormat.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'email'")
                .hasMessageContaining("only OBJECT and ARRAY");
    }

    @Test
    void refusesAFormatThatDoesNotFitTheType() {
        assertThatThrownBy(() -> SchemaField.string("created").withFormat(ValueFormat.EPOCH_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'created'")
                .hasMessageContaining("use DEFAULT");
        assertThatThrownBy(() -> SchemaField.bool("paid").withFormat(ValueFormat.DECIMAL_STRING))
                .hasMessageContaining("'paid'");
    }

    @Test
    void refusesDuplicateNames() {
        assertThatThrownBy(() -> EntitySchema.of(SchemaField.string("id"), SchemaField.integer("id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id' twice");
        assertThatThrownBy(() -> SchemaField.object("address", SchemaField.string("city"), SchemaField.string("city")))
                .hasMessageContaining("field 'address' declares field 'city' twice");
    }

    @Test
    void entityDescriptorKeepsItsSchemaThroughEveryCopy() {
        EntitySchema schema = EntitySchema.of(SchemaField.string("id").notNull(), SchemaField.integer("balance"));

        EntityDescriptor entity = EntityDescriptor.of("customers").withSchema(schema)
                .withCursorField("created").withPrimaryKey("id").withDescription("Customers.");

        assertThat(entity.schema()).contains(schema);
        assertThat(entity.cursorField()).contains("created");
    }

    @Test
    void theSpi10ConstructorDeclaresNoSchema() {
        EntityDescriptor entity = new EntityDescriptor("orders", List.of("id"), Optional.empty(), "");

        assertThat(entity.schema()).isEmpty();
        assertThat(entity).isEqualTo(EntityDescriptor.of("orders"));
    }
}
