package dev.tributary.connect;

import dev.tributary.runtime.store.SettingsArguments;
import dev.tributary.spi.config.ConfigField;
import dev.tributary.spi.config.ConfigSchema;
import dev.tributary.spi.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The configuration of {@link TributarySourceConnector}, parsed from the connector's properties: which Tributary
 * connector with which configuration and settings, which entities, into which topics, how often.
 *
 * @param connectorId the Tributary connector id ({@code tributary.connector})
 * @param connectorConfig the connector's raw configuration ({@code tributary.config.<field>}), validated against its
 *     schema by the runtime
 * @param entities the entities to sync; empty for all
 * @param settings the sync settings ({@code tributary.settings.<name>})
 * @param rateSet whether {@code tributary.settings.requestsPerSecond} (or {@code requests_per_second}) was given
 * @param pluginFolders extra Tributary plugin folders ({@code tributary.plugins.path})
 * @param topicPrefix topics are {@code <prefix>.<entity>}
 * @param pollInterval milliseconds between the end of one sync and the start of the next
 * @param fullRefresh whether every sync fetches everything again instead of resuming incrementally
 * @param dataSource the data source name in headers; the Connect connector's name
 */
record SourceConfig(
        String connectorId, Map<String, Object> connectorConfig, List<String> entities, Settings settings,
        boolean rateSet, List<Path> pluginFolders, String topicPrefix, long pollInterval, boolean fullRefresh,
        String dataSource) {

    static final String CONNECTOR = "tributary.connector";
    static final String CONFIG_PREFIX = "tributary.config.";
    static final String ENTITIES = "tributary.entities";
    static final String SETTINGS_PREFIX = SettingProperties.PREFIX;
    static final String PLUGINS_PATH = "tributary.plugins.path";
    static final String TOPIC_PREFIX = "topic.prefix";
    static final String POLL_INTERVAL = "tributary.poll.interval.ms";
    static final String FULL_REFRESH = "tributary.full.refresh";
    /** Set by the connector on each task: the entities that task syncs. */
    static final String TASK_ENTITIES = "tributary.task.entities";
    /** Set by the connector on each task: how many tasks share the request budget. */
    static final String TASK_COUNT = "tributary.task.count";

    /** Every sync setting, in both spellings of each two-word name. */
    static final SettingProperties SETTINGS =
            SettingProperties.of(Arrays.stream(SettingsArguments.NAMES.split(",\\s*")).toList());

    SourceConfig {
        connectorConfig = Map.copyOf(connectorConfig);
        entities = List.copyOf(entities);
        pluginFolders = List.copyOf(pluginFolders);
    }

    /** The properties every Tributary source connector has, whatever its Tributary connector. */
    static ConfigDef baseDefinition() {
        ConfigDef definition = new ConfigDef()
                .define(CONNECTOR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "The Tributary connector id, e.g. stripe, close, graphql or sample "
                                + "(tributary connectors lists them). Its configuration fields are "
                                + CONFIG_PREFIX + "<field>.")
                .define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "Records of entity E go to topic <topic.prefix>.E.")
                .define(ENTITIES, Type.LIST, "", Importance.MEDIUM,
                        "The entities to sync, comma-separated; empty for every entity the connector offers.")
                .define(PLUGINS_PATH, Type.LIST, "", Importance.LOW,
                        "Extra Tributary plugin folders, comma-separated, searched after the bundled plugins.")
                .define(POLL_INTERVAL, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                        "Milliseconds between the end of one sync of a task's entities and the start of the next.")
                .define(FULL_REFRESH, Type.BOOLEAN, false, Importance.LOW,
                        "Whether every sync fetches all records again instead of continuing incrementally.");
        RecordTimestamp.define(definition);
        return SETTINGS.define(definition, "requestsPerSecond is the budget of the whole connector, divided among "
                + "its tasks.");
    }

    /**
     * The base properties plus one per configuration field of the Tributary connector: secret fields as
     * {@link Type#PASSWORD}, so Connect hides their values in its REST API and logs.
     */
    static ConfigDef definitionFor(ConfigSchema schema) {
        ConfigDef definition = baseDefinition();
        for (ConfigField field : schema.fields()) {
            definition.define(CONFIG_PREFIX + field.name(), field.secret() ? Type.PASSWORD : Type.STRING,
                    null, field.required() ? Importance.HIGH : Importance.MEDIUM, describe(field));
        }
        return definition;
    }

    private static String describe(ConfigField field) {
        String text = field.label() + (field.help().isBlank() ? "" : ": " + field.help());
        return field.defaultValue().map(value -> text + " Default: " + value + ".").orElse(text)
                + (field.required() ? " Required." : "");
    }

    /**
     * Parses the connector's properties.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the property at fault
     */
    static SourceConfig parse(Map<String, String> properties) {
        Map<String, Object> values = baseDefinition().parse(properties);
        Map<String, Object> connectorConfig = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(CONFIG_PREFIX) && value != null) {
                connectorConfig.put(key.substring(CONFIG_PREFIX.length()), value);
            }
        });
        Settings settings = SETTINGS.parse(properties);
        boolean rateSet = SETTINGS.given(properties).keySet().stream().map(SettingProperties::canonical)
                .anyMatch("requestsPerSecond"::equals);
        List<Path> folders = new ArrayList<>();
        for (Object folder : (List<?>) values.get(PLUGINS_PATH)) {
            if (!folder.toString().isBlank()) {
                folders.add(Path.of(folder.toString().strip()));
            }
        }
        List<String> entities = ((List<?>) values.get(ENTITIES)).stream().map(Object::toString)
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        return new SourceConfig((String) values.get(CONNECTOR), connectorConfig, entities, settings,
                rateSet, folders, (String) values.get(TOPIC_PREFIX),
                (Long) values.get(POLL_INTERVAL), (Boolean) values.get(FULL_REFRESH),
                properties.getOrDefault("name", (String) values.get(CONNECTOR)));
    }

    /** The topic of an entity's records. */
    String topic(String entity) {
        return topicPrefix + "." + entity;
    }
}
