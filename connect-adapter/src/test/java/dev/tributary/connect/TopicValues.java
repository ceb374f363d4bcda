package dev.tributary.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Topic values of the ITs decoded into the records the sink writes, independently of the adapter. */
final class TopicValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicValues() {
    }

    /**
     * A topic value (a Struct in JsonConverter's schema envelope) as the record the sink writes: timestamps as
     * ISO-8601 instants, JSON-text fields parsed, {@code _tributary_extra} merged back. Decoded here, independently
     * of the adapter (whose classes are not on this test's class path).
     */
    static JsonNode decoded(byte[] value) throws Exception {
        JsonNode envelope = JSON.readTree(value);
        return decoded(envelope.get("schema"), envelope.get("payload"));
    }

    /** One struct of a topic value, nested structs and arrays of structs decoded alike. */
    private static JsonNode decoded(JsonNode schema, JsonNode payload) throws Exception {
        var record = JSON.createObjectNode();
        for (JsonNode field : schema.get("fields")) {
            String name = field.get("field").asText();
            String type = field.path("name").asText();
            JsonNode item = payload.path(name);
            if (name.equals("_tributary_extra")) {
                if (item.isTextual()) {
                    record.setAll((ObjectNode) JSON.readTree(item.asText()));
                }
            } else if (item.isNull() || item.isMissingNode()) {
                record.putNull(name);
            } else if (type.equals("org.apache.kafka.connect.data.Timestamp")) {
                record.put(name, Instant.ofEpochMilli(item.asLong()).toString());
            } else if (type.equals("dev.tributary.Json")) {
                record.set(name, JSON.readTree(item.asText()));
            } else if (field.path("type").asText().equals("struct")) {
                record.set(name, decoded(field, item));
            } else if (field.path("type").asText().equals("array")
                    && field.path("items").path("type").asText().equals("struct")) {
                var array = record.putArray(name);
                for (JsonNode element : item) {
                    array.add(element.isNull() ? element : decoded(field.get("items"), element));
                }
            } else {
                record.set(name, item);
            }
        }
        return record;
    }
}
