package dev.tributary.connect;

import dev.tributary.spi.config.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration of {@link TributarySinkConnector}: the Tributary destination URL (a secret: it may hold a
 * password), its schema, how topics map to tables and which fields form the key.
 *
 * @param destinationUrl e.g. {@code jdbc:sqlite:/data/warehouse.db} or {@code jdbc:postgresql://host/db?user=u}
 * @param schema the schema to write into (PostgreSQL), empty for the URL's
 * @param pluginFolders extra Tributary plugin folders (destination plugins)
 * @param topicPrefix stripped from topic names: topic {@code <prefix>.<entity>} goes to table
 *     {@code <table prefix>_<entity>}
 * @param tablePrefix the table prefix; defaults to the topic prefix, else {@code kafka}
 * @param primaryKey the key fields; empty to take the fields of each record's key
 * @param dataSource written into {@code _data_source}; the Connect connector's name
 * @param settings the typing settings ({@code tributary.settings.<name>}: {@code schema_contract},
 *     {@code keep_raw_record}, {@code max_nesting_depth}, each also in its other spelling); the rest are defaults
 */
record SinkConfig(String destinationUrl, Optional<String> schema, List<Path> pluginFolders, String topicPrefix,
        String tablePrefix, List<String> primaryKey, String dataSource, Settings settings) {

    static final String DESTINATION_URL = "tributary.destination.url";
    static final String DESTINATION_SCHEMA = "tributary.destination.schema";
    static final String TABLE_PREFIX = "tributary.table.prefix";
    static final String PRIMARY_KEY = "tributary.primary.key";
    /** The settings of how rows are typed, those {@code TypingSettings.of} reads. */
    static final SettingProperties SETTINGS =
            SettingProperties.of(List.of("schema_contract", "keep_raw_record", "max_nesting_depth"));

    static ConfigDef definition() {
        return SETTINGS.define(new ConfigDef()
                .define(DESTINATION_URL, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "The Tributary destination URL: jdbc:sqlite:FILE, jdbc:postgresql://host:port/db?user=U "
                                + "(password in the URL or PGPASSWORD), jdbc:duckdb:FILE. Hidden in Connect's output.")
                .define(DESTINATION_SCHEMA, Type.STRING, null, Importance.MEDIUM,
                        "The schema to write into (PostgreSQL); created when missing.")
                .define(SourceConfig.PLUGINS_PATH, Type.LIST, "", Importance.LOW,
                        "Extra Tributary plugin folders (destination plugins), searched after the bundled ones.")
                .define(SourceConfig.TOPIC_PREFIX, Type.STRING, "", Importance.MEDIUM,
                        "Stripped from topic names: topic <topic.prefix>.E is written to table <table prefix>_E.")
                .define(TABLE_PREFIX, Type.STRING, null, Importance.MEDIUM,
                        "The table prefix; default the topic prefix, else 'kafka'.")
                .define(PRIMARY_KEY, Type.LIST, "", Importance.MEDIUM,
                        "The primary-key fields; default the fields of the record key (a scalar key is 'id')."),
                "How the sink types rows, as a direct sync of the same settings does.");
    }

    /**
     * Parses the sink's properties.
     *
     * @throws org.apache.kafka.common.config.ConfigException naming the property at fault
     */
    static SinkConfig parse(Map<String, String> properties) {
        Map<String, Object> values = definition().parse(properties);
        Settings settings = SETTINGS.parse(properties);
        List<Path> folders = ((List<?>) values.get(SourceConfig.PLUGINS_PATH)).stream().map(Object::toString)
                .map(String::strip).filter(text -> !text.isEmpty()).map(Path::of).toList();
        String topicPrefix = ((String) values.get(SourceConfig.TOPIC_PREFIX)).strip();
        String tablePrefix = Optional.ofNullable((String) values.get(TABLE_PREFIX)).filter(t -> !t.isBlank())
                .orElse(topicPrefix.isEmpty() ? "kafka" : topicPrefix);
        List<String> key = ((List<?>) values.get(PRIMARY_KEY)).stream().map(Object::toString).map(String::strip)
                .filter(text -> !text.isEmpty()).toList();
        return new SinkConfig(((Password) values.get(DESTINATION_URL)).value(),
                Optional.ofNullable((String) values.get(DESTINATION_SCHEMA)).filter(s -> !s.isBlank()), folders,
                topicPrefix, tablePrefix, key, properties.getOrDefault("name", "kafka"), settings);
    }

    /** The entity a topic's records belong to: the topic without the topic prefix. */
    String entity(String topic) {
        return !topicPrefix.isEmpty() && topic.startsWith(topicPrefix + ".")
                ? topic.substring(topicPrefix.length() + 1) : topic;
    }

    /** Never shows the destination URL, which may hold a password. */
    @Override
    public String toString() {
        return "SinkConfig[tablePrefix=" + tablePrefix + ", topicPrefix=" + topicPrefix + "]";
    }
}
