package dev.tributary.testplugin.schema;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectionTestResult;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigFieldType;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connector declaring schemas: {@code orders} with nested objects, an array of objects, an array of scalars and a
 * free-form json field; {@code notes} with no schema. Configured with {@code custom_field}, it discovers one more
 * field, {@code custom.<name>}, as connectors that read custom fields from their source do.
 */
public class SchematicConnector extends BaseConnector {

    private static final List<SchemaField> ORDER_FIELDS = List.of(
            SchemaField.string("id").notNull().withDescription("The order id"),
            SchemaField.integer("total").withDescription("Amount in cents"),
            SchemaField.timestamp("created", ValueFormat.EPOCH_SECONDS).notNull().withDescription("When it was placed"),
            SchemaField.object("customer", SchemaField.string("name"),
                    SchemaField.object("address", SchemaField.string("city").withDescription("City name"),
                            SchemaField.string("country"))),
            SchemaField.array("items", SchemaField.string("sku").notNull(),
                    SchemaField.number("price").withFormat(ValueFormat.DECIMAL_STRING)),
            SchemaField.array("tags").withDescription("Free labels"),
            SchemaField.json("metadata"));

    @Override
    public ConnectorMetadata getMetadata() {
        return ConnectorMetadata.builder("schematic")
                .name("Schematic")
                .version("1.0.0")
                .description("Declares entity schemas.")
                .supportedEntities(orders(ORDER_FIELDS), EntityDescriptor.of("notes").withDescription("Free notes"))
                .configFields(ConfigField.builder("custom_field", ConfigFieldType.STRING).label("Custom field")
                        .help("A custom field the source is said to define").build())
                .build();
    }

    @Override
    public ConnectionTestResult testConnection() {
        return ConnectionTestResult.success("nothing to connect to");
    }

    /** Adds the configured custom field to the orders schema, as discovered from the source. */
    @Override
    public List<EntityDescriptor> getAvailableEntities() {
        Optional<String> custom = config().getString("custom_field");
        if (custom.isEmpty()) {
            return getMetadata().supportedEntities();
        }
        List<SchemaField> fields = new ArrayList<>(ORDER_FIELDS);
        fields.add(SchemaField.object("custom", SchemaField.string(custom.get()).withDescription("Discovered")));
        return List.of(orders(fields), getMetadata().supportedEntities().get(1));
    }

    @Override
    public void fetchEntity(FetchOptions options) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "1");
        record.put("created", 1_700_000_000L);
        options.onBatch(List.of(record), "1");
    }

    private static EntityDescriptor orders(List<SchemaField> fields) {
        return EntityDescriptor.of("orders").withCursorField("created").withDescription("Orders placed")
                .withSchema(new EntitySchema(fields));
    }
}
