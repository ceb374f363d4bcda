package dev.tributary.connect;

import dev.tributary.runtime.store.SettingsArguments;
import dev.tributary.spi.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * The Tributary sync settings a connector takes as {@code tributary.settings.<name>} properties: each name in both
 * spellings the runtime accepts ({@code batchSize} and {@code batch_size}, see {@link SettingsArguments#ALIASES}),
 * read by the runtime's {@link SettingsArguments}, so the names, values and messages are those of
 * {@code tributary sync --setting}.
 *
 * @param names every accepted setting name, the runtime's spelling first, then the other spellings
 */
record SettingProperties(List<String> names) {

    /** The prefix of every setting property. */
    static final String PREFIX = "tributary.settings.";

    SettingProperties {
        names = List.copyOf(names);
    }

    /** The given settings in the runtime's spelling, each also accepted in its other spelling. */
    static SettingProperties of(List<String> canonical) {
        List<String> names = new ArrayList<>(canonical);
        SettingsArguments.ALIASES.forEach((alias, name) -> {
            if (canonical.contains(name)) {
                names.add(alias);
            }
        });
        return new SettingProperties(names);
    }

    /** The runtime's name for a setting given in either spelling. */
    static String canonical(String name) {
        return SettingsArguments.ALIASES.getOrDefault(name, name);
    }

    /** Defines one {@link Type#STRING} property per accepted name. */
    ConfigDef define(ConfigDef definition, String documentation) {
        for (String name : names) {
            String canonical = canonical(name);
            definition.define(PREFIX + name, Type.STRING, null, Importance.LOW, canonical.equals(name)
                    ? "The Tributary setting " + name + " (see docs/sync.md). " + documentation
                    : "The setting " + PREFIX + canonical + " spelt " + name + "; give only one of the two.");
        }
        return definition;
    }

    /** The non-blank settings among {@code properties}: setting name (as spelt there) to stripped value. */
    Map<String, String> given(Map<String, String> properties) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : names) {
            String value = properties.get(PREFIX + name);
            if (value != null && !value.isBlank()) {
                given.put(name, value.strip());
            }
        }
        return given;
    }

    /**
     * The defaults with the given settings applied.
     *
     * @throws ConfigException naming the property at fault: a malformed value, or one setting in both spellings
     */
    Settings parse(Map<String, String> properties) {
        Map<String, String> given = given(properties);
        Map<String, List<String>> problems = problems(given);
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + ": " + first.getValue().get(0));
        }
        return new SettingsArguments().apply(Settings.DEFAULTS, given);
    }

    /** Adds each setting problem to the property it is about, for Connect's validate endpoint. */
    void validate(Map<String, String> properties, Map<String, ConfigValue> values) {
        problems(given(properties)).forEach((key, messages) -> messages.forEach(message -> values
                .computeIfAbsent(key, ConfigValue::new).addErrorMessage(key + ": " + message)));
    }

    /** Property name to its problems: a value the runtime refuses, or a setting given in both spellings. */
    private static Map<String, List<String>> problems(Map<String, String> given) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            try {
                new SettingsArguments().apply(Settings.DEFAULTS, Map.of(name, value));
            } catch (IllegalArgumentException e) {
                problems.computeIfAbsent(PREFIX + name, key -> new ArrayList<>()).add(e.getMessage());
            }
            String earlier = spelledAs.putIfAbsent(canonical(name), name);
            if (earlier != null) {
                String message = "setting '" + canonical(name) + "' is given twice, as " + PREFIX + earlier
                        + " and as " + PREFIX + name + "; keep one of them";
                problems.computeIfAbsent(PREFIX + earlier, key -> new ArrayList<>()).add(message);
                problems.computeIfAbsent(PREFIX + name, key -> new ArrayList<>()).add(message);
            }
        });
        return problems;
    }
}
