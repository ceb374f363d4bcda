package dev.tributary.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tributary.spi.error.InvalidConfigException;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import dev.tributary.testkit.FakeConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema shipped in the plugin ({@code rest-config.schema.json}) against the validator in
 * {@link RestConfig}: the docs' examples and the test configs pass both, broken documents fail both, and the schema
 * names exactly the keys, types and formats the validator accepts.
 */
class ConfigSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SCHEMA = "/dev/tributary/connector/rest/rest-config.schema.json";
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    private final JsonNode schemaNode;
    private final Schema schema;

    ConfigSchemaTest() throws IOException {
        try (InputStream in = RestConnector.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as("the plugin jar ships " + SCHEMA).isNotNull();
            schemaNode = MAPPER.readTree(in);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(
                MAPPER.writeValueAsString(schemaNode));
    }

    private List<String> schemaErrors(Object document) {
        return schema.validate(MAPPER.valueToTree(document)).stream().map(Error::toString).toList();
    }

    private static void accepted(Map<String, Object> document) {
        RestConnector connector = new RestConnector();
        connector.initialize(FakeConnectorContext.of(connector, document));
        assertThat(connector.getAvailableEntities()).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) throws IOException {
        return MAPPER.readValue(json, LinkedHashMap.class);
    }

    private static List<Map<String, Object>> docsExamples() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "rest-connector.md"));
        List<Map<String, Object>> examples = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(docs);
        while (block.find()) {
            Map<String, Object> document = parse(block.group(1));
            if (document.containsKey("base_url")) {
                examples.add(document);
            }
        }
        return examples;
    }

    private static List<Path> testConfigs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "configs"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void theDocsExamplesPassTheSchemaAndTheValidator() throws IOException {
        List<Map<String, Object>> examples = docsExamples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (Map<String, Object> example : examples) {
            assertThat(schemaErrors(example)).as("docs example %s", example.get("base_url")).isEmpty();
            accepted(example);
        }
    }

    @Test
    void theTestConfigsPassTheSchemaAndTheValidator() throws IOException {
        List<Path> configs = testConfigs();
        assertThat(configs).hasSizeGreaterThanOrEqualTo(3);
        for (Path config : configs) {
            Map<String, Object> document = parse(Files.readString(config));
            assertThat(schemaErrors(document)).as(config.toString()).isEmpty();
            accepted(document);
        }
    }

    @Test
    void brokenDocumentsFailTheSchemaAndTheValidator() {
        List<Map<String, Object>> broken = List.of(
                Map.of("base_url", "https://x.example", "resources", List.of(Map.of("name", "a", "path", "/a",
                        "pagnator", Map.of()))),
                Map.of("base_url", "https://x.example", "resources", List.of(Map.of("name", "a", "path", "/a",
                        "paginator", Map.of("type", "cursor")))),
                Map.of("base_url", "https://x.example", "resources", List.of(Map.of("name", "a", "path", "/a",
                        "paginator", Map.of("type", "next_url")))),
                Map.of("base_url", "https://x.example", "resources", List.of(Map.of("name", "a", "path", "/a",
                        "paginator", Map.of("type", "pages")))),
                Map.of("base_url", "ftp://x.example", "resources", List.of(Map.of("name", "a", "path", "/a"))),
                Map.of("base_url", "https://x.example", "resources", List.of()),
                Map.of("base_url", "https://x.example", "auth", Map.of("type", "bearer"),
                        "resources", List.of(Map.of("name", "a", "path", "/a"))),
                Map.of("base_url", "https://x.example", "resources", List.of(Map.of("name", "a", "path", "/a",
                        "schema", Map.of("id", "bigint")))),
                Map.of("base_url", "https://x.example", "resources", List.of(Map.of("name", "a", "path", "/a",
                        "incremental", Map.of("cursor_field", "u", "format", "rfc2822")))));
        for (Map<String, Object> document : broken) {
            assertThat(schemaErrors(document)).as("schema on %s", document).isNotEmpty();
            assertThatThrownBy(() -> accepted(document)).as("validator on %s", document)
                    .isInstanceOf(InvalidConfigException.class);
        }
    }

    private Set<String> keys(JsonNode object) {
        Set<String> keys = new HashSet<>();
        object.get("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private List<String> enumOf(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.get("enum").forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void theSchemaNamesExactlyTheKeysAndChoicesTheValidatorAccepts() {
        JsonNode defs = schemaNode.get("$defs");
        assertThat(keys(schemaNode)).isEqualTo(RestConfig.TOP_KEYS);
        assertThat(keys(defs.get("resource"))).isEqualTo(RestConfig.RESOURCE_KEYS);
        assertThat(keys(defs.get("paginator"))).isEqualTo(RestConfig.PAGINATOR_KEYS);
        assertThat(keys(defs.at("/resource/properties/incremental"))).isEqualTo(RestConfig.INCREMENTAL_KEYS);
        assertThat(keys(defs.get("auth"))).isEqualTo(RestConfig.AUTH_KEYS);
        assertThat(enumOf(defs.at("/paginator/properties/type"))).isEqualTo(Paginator.TYPES);
        assertThat(enumOf(defs.at("/auth/properties/type"))).isEqualTo(Auth.TYPES);
        assertThat(enumOf(defs.at("/resource/properties/incremental/properties/format")))
                .isEqualTo(Incremental.FORMATS);
    }

    private static boolean combines(FieldType type, ValueFormat format) {
        try {
            SchemaField.of("f", type).withFormat(format);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void everyFieldTypeAndValueFormatHintIsAcceptedByBoth() {
        Map<String, Object> hints = new LinkedHashMap<>();
        for (FieldType type : FieldType.values()) {
            String name = type.name().toLowerCase(Locale.ROOT);
            hints.put(name, name);
            for (ValueFormat format : ValueFormat.values()) {
                if (!combines(type, format)) {
                    continue; // e.g. string:epoch_seconds: the validator rejects it, the schema does not check pairs
                }
                hints.put(name + "_" + format.name().toLowerCase(Locale.ROOT),
                        name + ":" + format.name().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Object> document = Map.of("base_url", "https://x.example",
                "resources", List.of(Map.of("name", "a", "path", "/a", "schema", hints)));
        assertThat(hints).hasSizeGreaterThan(FieldType.values().length + 4);
        assertThat(schemaErrors(document)).isEmpty();
        accepted(document);
    }
}
