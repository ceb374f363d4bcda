package dev.tributary.connector.close;

import dev.tributary.connector.http.JsonHttpClient;
import dev.tributary.connector.http.JsonResponse;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organization's custom fields as schema fields: Close puts a custom field's values on leads, contacts and
 * opportunities under the top-level key {@code custom.<field id>}, and lists the definitions (shared fields
 * included) at {@code GET /custom_field/<kind>/}. Each definition becomes a field named by that key, typed from the
 * definition's {@code type}, with the field's name in its description.
 */
final class CustomFieldSchemas {

    private CustomFieldSchemas() {
    }

    /**
     * Reads every definition of one kind ({@code lead}, {@code contact}, {@code opportunity}), following
     * {@code has_more}.
     *
     * @throws dev.tributary.spi.error.ConnectorException when Close refuses or cannot be reached
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> definitions(JsonHttpClient client, String kind) {
        List<Map<String, Object>> definitions = new ArrayList<>();
        long skip = 0;
        boolean more = true;
        while (more) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("_skip", skip);
            params.put("_limit", OffsetPager.MAX_PAGE_SIZE);
            JsonResponse response = client.get("custom_field/" + kind + "/", params);
            Map<String, Object> body = response.object();
            if (!(body.get("data") instanceof List<?> data)) {
                throw response.unexpectedShape("field 'data' is missing or not an array");
            }
            for (Object item : data) {
                if (item instanceof Map<?, ?> definition) {
                    definitions.add((Map<String, Object>) definition);
                }
            }
            skip += data.size();
            more = Boolean.TRUE.equals(body.get("has_more")) && !data.isEmpty();
        }
        return definitions;
    }

    /**
     * One field per definition with a {@code cf_} id, in the order given; a definition listed twice (a shared field
     * appears under each kind it is attached to, and may repeat across pages) gives one field.
     */
    static List<SchemaField> fields(List<Map<String, Object>> definitions) {
        Map<String, SchemaField> byName = new LinkedHashMap<>();
        for (Map<String, Object> definition : definitions) {
            if (definition.get("id") instanceof String id && !id.isBlank()) {
                byName.putIfAbsent("custom." + id, field("custom." + id, definition));
            }
        }
        return List.copyOf(byName.values());
    }

    private static SchemaField field(String name, Map<String, Object> definition) {
        String type = definition.get("type") instanceof String text ? text : "";
        boolean multiple = Boolean.TRUE.equals(definition.get("accepts_multiple_values"));
        SchemaField field = multiple ? SchemaField.array(name) : single(name, type);
        return field.withDescription(description(definition, type, multiple));
    }

    /** A single-valued field of Close's custom field {@code type}; types this connector does not know stay json. */
    private static SchemaField single(String name, String type) {
        return switch (type) {
            case "text", "choices", "user", "contact" -> SchemaField.string(name);
            case "number" -> SchemaField.number(name);
            case "date" -> SchemaField.date(name).withFormat(ValueFormat.ISO_8601);
            case "datetime" -> SchemaField.timestamp(name, ValueFormat.ISO_8601);
            default -> SchemaField.of(name, FieldType.JSON);
        };
    }

    private static String description(Map<String, Object> definition, String type, boolean multiple) {
        String label = definition.get("name") instanceof String text && !text.isBlank() ? text : "unnamed";
        String kind = type.isEmpty() ? "custom field" : type + (multiple ? ", several values" : "");
        String about = definition.get("description") instanceof String text && !text.isBlank() ? ": " + text : "";
        return "Custom field '" + label + "' (" + kind + ")" + about + ".";
    }
}
