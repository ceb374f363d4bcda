package dev.tributary.connect;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.config.ConfigProblem;
import dev.tributary.runtime.config.ConfigValidationException;
import dev.tributary.runtime.config.ConfigValidator;
import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.ConfigSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A Kafka Connect source connector that runs any Tributary connector: its entities are split over the tasks, each
 * entity's records go to topic {@code <topic.prefix>.<entity>}, and Connect's source offsets carry Tributary's
 * resume state, so a restarted or moved task continues where the committed offset says. Supports exactly-once
 * source delivery (KIP-618). See {@code docs/kafka-connect.md}.
 */
public class TributarySourceConnector extends SourceConnector {

    private Map<String, String> properties;
    private List<String> entities;
    private volatile ConfigDef definition = SourceConfig.baseDefinition();

    /** Creates the connector; Connect configures it with {@link #start(Map)}. */
    public TributarySourceConnector() {
    }

    @Override
    public String version() {
        return Versions.adapter();
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = SourceConfig.parse(props);
        try (SourceRuntime runtime = SourceRuntime.open(config)) {
            List<EntityDescriptor> available = runtime.connector().getAvailableEntities();
            Set<String> names = available.stream().map(EntityDescriptor::name).collect(Collectors.toSet());
            for (String entity : config.entities()) {
                if (!names.contains(entity)) {
                    throw new ConnectException(SourceConfig.ENTITIES + ": connector '" + config.connectorId()
                            + "' has no entity '" + entity + "' (entities: " + String.join(", ", names) + ")");
                }
            }
            this.entities = config.entities().isEmpty()
                    ? available.stream().map(EntityDescriptor::name).toList() : config.entities();
        }
        this.properties = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TributarySourceTask.class;
    }

    /** Splits the entities round-robin over at most {@code maxTasks} tasks, one entity at least per task. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int count = Math.max(1, Math.min(maxTasks, entities.size()));
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < entities.size(); i++) {
            shares.get(i % count).add(entities.get(i));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<String> share : shares) {
            Map<String, String> task = new HashMap<>(properties);
            task.put(SourceConfig.TASK_ENTITIES, String.join(",", share));
            task.put(SourceConfig.TASK_COUNT, Integer.toString(count));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    /** The base properties, plus the Tributary connector's fields once a configuration naming it was validated. */
    @Override
    public ConfigDef config() {
        return definition;
    }

    /**
     * Validates the properties: the base ones, then every {@code tributary.config.<field>} against the Tributary
     * connector's own schema (each error on its field, never showing the value), the entities and the settings.
     */
    @Override
    public Config validate(Map<String, String> props) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        SourceConfig.baseDefinition().validate(props).forEach(value -> values.put(value.name(), value));
        String connectorId = props.get(SourceConfig.CONNECTOR);
        if (connectorId != null && !connectorId.isBlank()) {
            validateAgainstConnector(connectorId, props, values);
        }
        SourceConfig.SETTINGS.validate(props, values);
        return new Config(new ArrayList<>(values.values()));
    }

    private void validateAgainstConnector(String connectorId, Map<String, String> props,
            Map<String, ConfigValue> values) {
        List<Path> folders = java.util.Arrays.stream(props.getOrDefault(SourceConfig.PLUGINS_PATH, "").split(","))
                .map(String::strip).filter(folder -> !folder.isEmpty()).map(Path::of).toList();
        try (Tributary tributary = TributaryPlugins.open(folders)) {
            ConnectorInfo info = tributary.registry().connector(connectorId).orElse(null);
            if (info == null) {
                values.get(SourceConfig.CONNECTOR).addErrorMessage("no Tributary connector '" + connectorId
                        + "' is installed (installed: " + SourceRuntime.installed(tributary) + ")");
                return;
            }
            ConfigSchema schema = info.metadata().configSchema();
            ConfigDef full = SourceConfig.definitionFor(schema);
            definition = full;
            full.validate(props).forEach(value -> values.put(value.name(), value));
            validateConnectorConfig(connectorId, schema, props, values);
            validateEntities(info, props, values);
        } catch (IllegalArgumentException e) {
            values.get(SourceConfig.PLUGINS_PATH).addErrorMessage(e.getMessage());
        }
    }

    private static void validateConnectorConfig(String connectorId, ConfigSchema schema, Map<String, String> props,
            Map<String, ConfigValue> values) {
        Map<String, Object> raw = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(SourceConfig.CONFIG_PREFIX) && value != null) {
                raw.put(key.substring(SourceConfig.CONFIG_PREFIX.length()), value);
            }
        });
        try {
            new ConfigValidator().validate(connectorId, schema, raw);
        } catch (ConfigValidationException e) {
            for (ConfigProblem problem : e.problems()) {
                String name = SourceConfig.CONFIG_PREFIX + problem.field();
                values.computeIfAbsent(name, ConfigValue::new).addErrorMessage(name + " " + problem.message());
            }
        }
    }

    private static void validateEntities(ConnectorInfo info, Map<String, String> props,
            Map<String, ConfigValue> values) {
        String listed = props.get(SourceConfig.ENTITIES);
        if (listed == null || listed.isBlank()) {
            return;
        }
        Set<String> known = info.metadata().supportedEntities().stream().map(EntityDescriptor::name)
                .collect(Collectors.toSet());
        if (known.isEmpty()) {
            return;
        }
        for (String entity : listed.split(",")) {
            if (!entity.isBlank() && !known.contains(entity.strip())) {
                values.get(SourceConfig.ENTITIES).addErrorMessage("connector '" + info.id() + "' has no entity '"
                        + entity.strip() + "' (entities: " + String.join(", ", known.stream().sorted().toList())
                        + ")");
            }
        }
    }

    /** Tributary's source tasks can commit a batch and its offset in one transaction. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** With {@code transaction.boundary=connector}, each Tributary batch is one transaction. */
    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }
}
