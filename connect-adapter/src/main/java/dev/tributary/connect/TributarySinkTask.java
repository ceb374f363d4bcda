package dev.tributary.connect;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.LastPerKey;
import dev.tributary.runtime.typing.TypedBatch;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import dev.tributary.spi.schema.EntitySchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records into a Tributary destination, one table per topic, upserting on the key; a tombstone (null value)
 * marks the row deleted ({@code _deleted_at}). Each write commits the rows and the next Kafka offset of every
 * partition written in one transaction (merged into the table's sync state under its lock, {@link OffsetCommits}),
 * and on assignment the task seeks each partition to the offset stored there, so a crash never loses or doubles a
 * record. Records the topic no longer held when the task read it (retention, compaction) are logged as a warning
 * naming the skipped offsets ({@link OffsetGaps}).
 *
 * <p>Into a typed-tables destination (SQLite, PostgreSQL) the rows are typed as a direct sync types them, from the
 * entity schema read back from the records' Connect value schema ({@link SinkSchemas}), or inferred from the values
 * of schemaless records.
 */
public class TributarySinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(TributarySinkTask.class);

    private SinkConfig config;
    private Tributary tributary;
    private Destination destination;
    private final Map<String, TableSink> tables = new HashMap<>();
    private final OffsetGaps gaps = new OffsetGaps();
    private OffsetCommits commits;
    private final String runId = UUID.randomUUID().toString();

    /** Creates the task; Connect configures it with {@link #start(Map)}. */
    public TributarySinkTask() {
    }

    @Override
    public String version() {
        return Versions.adapter();
    }

    @Override
    public void start(Map<String, String> props) {
        config = SinkConfig.parse(props);
        try {
            tributary = TributaryPlugins.open(config.pluginFolders());
            destination = tributary.destinations().open(config.destinationUrl(), config.schema());
            commits = new OffsetCommits(destination.describe(), this::storedState);
        } catch (RuntimeException e) {
            if (tributary != null) {
                tributary.close();
            }
            throw new ConnectException(SinkConfig.DESTINATION_URL + ": " + e.getMessage(), e);
        }
    }

    /** Seeks every assigned partition to the offset committed with the rows. */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> seeks = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionOffsets stored = PartitionOffsets.read(partition.topic(),
                    storedState(stateKey(partition.topic())).flatMap(SyncState::position));
            stored.next(partition.partition()).ifPresent(offset -> seeks.put(partition, offset));
        }
        seeks.forEach(gaps::expect);
        if (!seeks.isEmpty()) {
            context.offset(seeks);
        }
    }

    /**
     * The stored state, read again a few times when the read fails: right after another task created the state
     * table, SQLite can briefly report it missing.
     */
    private Optional<SyncState> storedState(EntityTable table) {
        for (int attempt = 1; ; attempt++) {
            try {
                return destination.readState(table);
            } catch (DestinationException e) {
                if (attempt == 5) {
                    throw e;
                }
                LOG.warn("Tributary sink: reading the stored Kafka offsets failed (try {} of 5), retrying: {}",
                        attempt, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        Map<String, List<SinkRecord>> byTopic = new LinkedHashMap<>();
        for (SinkRecord record : records) {
            gaps.received(record.topic(), record.kafkaPartition(), record.kafkaOffset())
                    .ifPresent(warning -> LOG.warn("Tributary sink: {}", warning));
            byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(record);
        }
        byTopic.forEach((topic, list) -> table(topic, list.get(0)).write(list));
    }

    /** Forgets revoked partitions' expected next offsets: their next owner checks them. */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        gaps.forget(partitions);
    }

    private EntityTable stateKey(String topic) {
        return new EntityTable(config.tablePrefix(), config.entity(topic), List.of("id"), config.dataSource());
    }

    private TableSink table(String topic, SinkRecord first) {
        TableSink sink = tables.get(topic);
        if (sink == null) {
            List<String> key = config.primaryKey().isEmpty() ? keyFields(first) : config.primaryKey();
            EntityTable table = new EntityTable(config.tablePrefix(), config.entity(topic), key,
                    config.dataSource());
            SyncState state = storedState(table).map(s -> new SyncState(SyncMode.INCREMENTAL, false,
                    s.position(), Optional.empty(), Optional.empty()))
                    .orElse(SyncState.started(SyncMode.INCREMENTAL, Optional.empty(), Optional.empty()));
            sink = new TableSink(topic, table, destination.openWriter(table, state));
            tables.put(topic, sink);
        }
        return sink;
    }

    private static List<String> keyFields(SinkRecord record) {
        Object key = ConnectValues.toTributary(record.key());
        if (key == null) {
            throw new ConnectException(missingKey(record));
        }
        if (key instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                throw new ConnectException(missingKey(record));
            }
            return map.keySet().stream().map(Object::toString).toList();
        }
        return List.of("id");
    }

    private static String missingKey(SinkRecord record) {
        return "record " + record.topic() + "/" + record.kafkaPartition() + "@" + record.kafkaOffset()
                + " has no key: the Tributary sink upserts on the key; produce keyed records or set "
                + SinkConfig.PRIMARY_KEY;
    }

    @Override
    public void stop() {
        tables.values().forEach(sink -> sink.writer.close());
        tables.clear();
        if (destination != null) {
            destination.close();
        }
        if (tributary != null) {
            tributary.close();
        }
    }

    /** One table's writer and the key fields of its records. */
    private final class TableSink {
        private final String topic;
        private final EntityTable table;
        private final EntityWriter writer;
        private EntityTyper typer;
        private Schema typedFor;

        TableSink(String topic, EntityTable table, EntityWriter writer) {
            this.topic = topic;
            this.table = table;
            this.writer = writer;
        }

        /** Writes in record order: a deletion followed by an upsert of the same run starts a new transaction. */
        void write(List<SinkRecord> records) {
            List<Map<String, Object>> upserts = new ArrayList<>();
            List<Map<String, Object>> deletions = new ArrayList<>();
            Map<Integer, Long> next = new HashMap<>();
            for (SinkRecord record : records) {
                Map<String, Object> key = key(record);
                if (record.value() == null) {
                    deletions.add(key);
                } else {
                    if (!deletions.isEmpty() || (!upserts.isEmpty() && !sameSchema(record.valueSchema()))) {
                        commit(upserts, deletions, next);
                    }
                    typeFor(record.valueSchema());
                    upserts.add(row(record, key));
                }
                next.put(record.kafkaPartition(), record.kafkaOffset() + 1);
            }
            commit(upserts, deletions, next);
        }

        private void commit(List<Map<String, Object>> upserts, List<Map<String, Object>> deletions,
                Map<Integer, Long> next) {
            if (upserts.isEmpty() && deletions.isEmpty()) {
                return;
            }
            SyncState mine = OffsetCommits.proposed(topic, next);
            Instant now = Instant.now();
            if (typer == null) {
                commits.write(writer, table, topic, new WriteBatch(upserts, deletions, mine, now), next);
            } else {
                TypedBatch typed = typer.typeBatch(LastPerKey.of(upserts, table.primaryKey(), table.entity()), runId);
                typed.warnings().forEach(warning -> LOG.warn("Tributary sink, topic {}: {}", topic, warning));
                if (typed.discardedCount() > 0) {
                    LOG.warn("Tributary sink, topic {}: schema_contract={} left out {} (per field: {})", topic,
                            config.settings().schemaContract().settingValue(), typed.discardedCount(),
                            typed.discarded());
                }
                commits.write(writer, table, topic, new WriteBatch(typed.records(), deletions, mine, now,
                        Optional.of(typed.write())), next);
            }
            upserts.clear();
            deletions.clear();
        }

        private boolean sameSchema(Schema valueSchema) {
            return typer == null || Objects.equals(typedFor, valueSchema);
        }

        /**
         * Types the next rows from this value schema: a typer per schema, each starting from the layout the
         * previous one reached (the first from the table the writer prepared), so a new schema version adds columns.
         */
        private void typeFor(Schema valueSchema) {
            if (!destination.typedTables() || (typer != null && Objects.equals(typedFor, valueSchema))) {
                return;
            }
            var layout = typer != null ? typer.layout() : writer.layout().orElseThrow(() -> new ConnectException(
                    "destination " + destination.describe() + " declares typed tables but gives no layout for "
                            + "table of topic " + topic));
            Optional<EntitySchema> schema = SinkSchemas.of(valueSchema);
            typer = new EntityTyper(table.entity(), table.primaryKey(), schema, layout,
                    TypingSettings.of(config.settings(), destination.maxIdentifierLength()));
            typedFor = valueSchema;
        }

        private Map<String, Object> key(SinkRecord record) {
            Object key = ConnectValues.toTributary(record.key());
            Map<String, Object> fields = new LinkedHashMap<>();
            if (key instanceof Map<?, ?> map) {
                for (String field : table.primaryKey()) {
                    fields.put(field, map.get(field));
                }
            } else if (key != null && table.primaryKey().size() == 1) {
                fields.put(table.primaryKey().get(0), key);
            }
            if (fields.values().stream().anyMatch(java.util.Objects::isNull)) {
                throw new ConnectException(missingKey(record) + " (key fields " + table.primaryKey() + ")");
            }
            return fields;
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> row(SinkRecord record, Map<String, Object> key) {
            Object value = StructValues.toTributary(record.value(), record.valueSchema());
            if (!(value instanceof Map<?, ?>)) {
                throw new ConnectException("record " + record.topic() + "/" + record.kafkaPartition() + "@"
                        + record.kafkaOffset() + " is not a JSON object or Struct; use JsonConverter (or a "
                        + "converter giving Structs) for the value");
            }
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) value);
            row.putAll(key);
            return row;
        }
    }
}
