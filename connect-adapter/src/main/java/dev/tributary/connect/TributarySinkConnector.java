package dev.tributary.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A Kafka Connect sink connector that writes topics into any Tributary destination (SQLite, PostgreSQL, DuckDB and
 * destination plugins) with Tributary's tables: upsert on the key, tombstones as {@code _deleted_at}, Kafka offsets
 * committed with the rows. See {@code docs/kafka-connect.md}.
 */
public class TributarySinkConnector extends SinkConnector {

    private Map<String, String> properties;

    /** Creates the connector; Connect configures it with {@link #start(Map)}. */
    public TributarySinkConnector() {
    }

    @Override
    public String version() {
        return Versions.adapter();
    }

    @Override
    public void start(Map<String, String> props) {
        SinkConfig.parse(props);
        this.properties = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TributarySinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(properties);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SinkConfig.definition();
    }

    /** Validates the properties, each setting's error on its own {@code tributary.settings.<name>}. */
    @Override
    public Config validate(Map<String, String> props) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        SinkConfig.definition().validate(props).forEach(value -> values.put(value.name(), value));
        SinkConfig.SETTINGS.validate(props, values);
        return new Config(new ArrayList<>(values.values()));
    }
}
