package dev.tributary.spi.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityTableTest {

    private static final EntitySchema SCHEMA = EntitySchema.of(SchemaField.timestamp("created",
            ValueFormat.EPOCH_SECONDS));

    @Test
    void theConstructorOfSpi10GivesATableWithoutSchema() {
        EntityTable table = new EntityTable("stripe", "customers", List.of("id"), "stripe");

        assertThat(table.schema()).isEmpty();
        assertThat(table).isEqualTo(new EntityTable("stripe", "customers", List.of("id"), "stripe", Optional.empty()));
    }

    @Test
    void withSchemaKeepsEveryOtherComponent() {
        EntityTable table = new EntityTable("stripe", "customers", List.of("id", "account"), "live");

        EntityTable typed = table.withSchema(SCHEMA);

        assertThat(typed.schema()).contains(SCHEMA);
        assertThat(List.of(typed.prefix(), typed.entity(), typed.dataSource())).containsExactly("stripe", "customers",
                "live");
        assertThat(typed.primaryKey()).containsExactly("id", "account");
    }

    @Test
    void refusesANullSchema() {
        assertThatThrownBy(() -> new EntityTable("stripe", "customers", List.of("id"), "stripe", null))
                .isInstanceOf(NullPointerException.class).hasMessage("schema");
    }
}
