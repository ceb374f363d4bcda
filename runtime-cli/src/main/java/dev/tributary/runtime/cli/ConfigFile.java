package dev.tributary.runtime.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code --config-file}: a JSON object, or a YAML mapping when the file ends in {@code .yaml}/{@code .yml} or its
 * first non-blank, non-comment character is not <code>{</code>. Both give the same configuration fields, so a
 * connector's validation errors name the same keys and locations (e.g. {@code resources[0].paginator.cursor_param})
 * whichever format the file is in.
 */
final class ConfigFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };

    private ConfigFile() {
    }

    /**
     * The configuration fields in {@code file}.
     *
     * @throws IllegalArgumentException naming the file, its format and the line and column at fault, never a value
     */
    static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config-file " + file + " cannot be read: "
                    + e.getClass().getSimpleName() + "; check the path and its permissions");
        }
        boolean yaml = isYaml(file, text);
        if (text.isBlank()) {
            throw new IllegalArgumentException("--config-file " + file + " is empty; it must hold a "
                    + (yaml ? "YAML mapping" : "JSON object") + " of configuration fields");
        }
        try {
            Map<String, Object> values = (yaml ? YAML : JSON).readValue(text, OBJECT);
            if (values == null) {
                throw new IllegalArgumentException("--config-file " + file + " holds no "
                        + (yaml ? "YAML mapping" : "JSON object") + " of configuration fields");
            }
            return values;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException("--config-file " + file + " is not a "
                    + (yaml ? "YAML mapping" : "JSON object") + " of configuration fields" + where + "; fix it there");
        }
    }

    static boolean isYaml(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return true;
        }
        if (name.endsWith(".json")) {
            return false;
        }
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                return !trimmed.startsWith("{");
            }
        }
        return false;
    }
}
