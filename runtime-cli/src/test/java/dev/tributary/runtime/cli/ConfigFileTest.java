package dev.tributary.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config-file} documents in JSON and YAML: the same fields either way, errors with line and column. */
class ConfigFileTest {

    private static final String JSON = """
            {"base_url": "https://api.example.com", "requests_per_second": 2.5,
             "resources": [{"name": "users", "path": "/users", "paginator": {"type": "link_header"},
                            "primary_key": ["id"], "params": {"per_page": 100, "archived": false}}]}
            """;
    private static final String YAML = """
            # the same document in YAML
            base_url: https://api.example.com
            requests_per_second: 2.5
            resources:
              - name: users
                path: /users
                paginator: {type: link_header}
                primary_key: [id]
                params:
                  per_page: 100
                  archived: false
            """;

    @TempDir
    Path folder;

    @Test
    void yamlByExtensionOrContentGivesTheSameFieldsAsJson() throws Exception {
        Map<String, Object> json = ConfigFile.read(Files.writeString(folder.resolve("api.json"), JSON));

        assertThat(ConfigFile.read(Files.writeString(folder.resolve("api.yaml"), YAML))).isEqualTo(json);
        assertThat(ConfigFile.read(Files.writeString(folder.resolve("api.yml"), YAML))).isEqualTo(json);
        assertThat(ConfigFile.read(Files.writeString(folder.resolve("api.conf"), YAML))).isEqualTo(json);
        assertThat(ConfigFile.read(Files.writeString(folder.resolve("api.conf.json"), JSON))).isEqualTo(json);
        assertThat(json.get("resources")).asList().hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) json.get("resources")).get(0)).get("params"))
                .isEqualTo(Map.of("per_page", 100, "archived", false));
    }

    @Test
    void malformedYamlNamesTheFileLineAndColumnButNoValue() throws Exception {
        Path file = Files.writeString(folder.resolve("bad.yaml"), """
                base_url: https://api.example.com
                auth:
                  token: s3cr3t-canary
                 resources: [
                """);

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.yaml is not a YAML mapping").hasMessageContaining("error at line 4")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-canary"));
    }

    @Test
    void aYamlListOrScalarOrEmptyFileIsRejected() throws Exception {
        assertThatThrownBy(() -> ConfigFile.read(Files.writeString(folder.resolve("list.yaml"), "- a\n- b\n")))
                .hasMessageContaining("is not a YAML mapping");
        assertThatThrownBy(() -> ConfigFile.read(Files.writeString(folder.resolve("empty.yaml"), "")))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> ConfigFile.read(Files.writeString(folder.resolve("bad.json"), "{\"a\": ")))
                .hasMessageContaining("bad.json is not a JSON object").hasMessageContaining("line 1");
        assertThatThrownBy(() -> ConfigFile.read(folder.resolve("missing.json")))
                .hasMessageContaining("cannot be read").hasMessageContaining("check the path");
    }
}
