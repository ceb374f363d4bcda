package dev.tributary.connect;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.DestinationException;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The Tributary destination a source task syncs into: each committed batch becomes one list of
 * {@link SourceRecord}s on topic {@code <prefix>.<entity>}, handed to the task's {@code poll()} through a bounded
 * queue (back-pressure on the sync engine).
 *
 * <p>Offsets: every record but a batch's last carries the entity's state from before the batch and the last one the
 * state after it, so an offset committed for part of a batch makes a restarted task fetch the whole batch again
 * (at least once), and one committed with the whole batch resumes after it. With exactly-once source support the
 * task commits a transaction per batch, so a batch and its offset commit together. The most recent batch is held
 * back until the next one (or the end of the run) arrives, so that the end of a run travels with its last records.
 *
 * <p>Timestamps: the batch's sync time, or the record's cursor time ({@link RecordTimestamp}); tombstones carry
 * the sync time.
 *
 * <p>Values: a {@link org.apache.kafka.connect.data.Struct} of the schema {@link StructValues} derives from the
 * entity's declared schema, or a schemaless map when the entity declares none. Keys are schemaless maps.
 */
final class TopicDestination implements Destination {

    /** Header naming a deletion; its value is {@code "true"}. */
    static final String DELETED_HEADER = "tributary.deleted";
    /** Header holding when the record was synced (ISO-8601, UTC). */
    static final String SYNCED_AT_HEADER = "tributary.synced_at";
    /** Header holding the data source (the Connect connector's name). */
    static final String DATA_SOURCE_HEADER = "tributary.data_source";

    private final SourceConfig config;
    private final RecordTimestamp timestamps;
    private final OffsetStorageReader offsets;
    private final BlockingQueue<List<SourceRecord>> out;
    private final BooleanSupplier stopped;
    private final Map<String, EntityDescriptor> entities;
    private final Map<String, SyncState> latest = new ConcurrentHashMap<>();
    private final Map<String, Schema> valueSchemas;

    TopicDestination(SourceConfig config, RecordTimestamp timestamps, OffsetStorageReader offsets,
            BlockingQueue<List<SourceRecord>> out, BooleanSupplier stopped, List<EntityDescriptor> entities) {
        this.config = config;
        this.timestamps = timestamps;
        this.offsets = offsets;
        this.out = out;
        this.stopped = stopped;
        Map<String, EntityDescriptor> byName = new LinkedHashMap<>();
        entities.forEach(entity -> byName.put(entity.name(), entity));
        this.entities = Map.copyOf(byName);
        Map<String, Schema> schemas = new LinkedHashMap<>();
        entities.forEach(entity -> entity.schema().ifPresent(
                declared -> schemas.put(entity.name(), StructValues.schema(entity.name(), declared))));
        this.valueSchemas = Map.copyOf(schemas);
    }

    @Override
    public String describe() {
        return "Kafka topics " + config.topicPrefix() + ".<entity>";
    }

    @Override
    public Optional<SyncState> readState(EntityTable table) {
        SyncState known = latest.get(table.entity());
        if (known != null) {
            return Optional.of(known);
        }
        Map<String, Object> offset = offsets.offset(SourceOffsets.partition(table.entity()));
        try {
            return offset == null ? Optional.empty() : Optional.of(SourceOffsets.state(offset));
        } catch (IllegalArgumentException e) {
            throw new DestinationException(e.getMessage(), e);
        }
    }

    @Override
    public EntityWriter openWriter(EntityTable table, SyncState state) {
        return new TopicWriter(table, state);
    }

    @Override
    public void close() {
    }

    private final class TopicWriter implements EntityWriter {
        private final EntityTable table;
        private final String topic;
        private SyncState committed;
        private WriteBatch pending;

        TopicWriter(EntityTable table, SyncState start) {
            this.table = table;
            this.topic = config.topic(table.entity());
            this.committed = start;
        }

        @Override
        public void write(WriteBatch batch) {
            if (pending != null) {
                send(pending, pending.state());
            }
            pending = batch;
            latest.put(table.entity(), batch.state());
        }

        @Override
        public void finish(SyncState state) {
            if (pending != null) {
                send(pending, state);
                pending = null;
            }
            latest.put(table.entity(), state);
        }

        @Override
        public void close() {
            if (pending != null && !stopped.getAsBoolean()) {
                send(pending, pending.state());
            }
            pending = null;
        }

        private void send(WriteBatch batch, SyncState after) {
            List<SourceRecord> records = records(batch, after);
            committed = after;
            if (records.isEmpty()) {
                return;
            }
            try {
                while (!out.offer(records, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped.getAsBoolean()) {
                        throw new DestinationException("the Kafka Connect task is stopping; the entity resumes from "
                                + "its last committed offset");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DestinationException("interrupted while handing records to Kafka Connect", e);
            }
        }

        private List<SourceRecord> records(WriteBatch batch, SyncState after) {
            Map<String, Object> partition = SourceOffsets.partition(table.entity());
            Map<String, Object> before = SourceOffsets.offset(committed);
            Map<String, Object> end = SourceOffsets.offset(after);
            int total = batch.records().size() + batch.deletedKeys().size();
            List<SourceRecord> records = new ArrayList<>(total);
            Optional<String> cursor = Optional.ofNullable(entities.get(table.entity()))
                    .flatMap(EntityDescriptor::cursorField);
            String syncedAt = batch.syncedAt().toString();
            Schema valueSchema = valueSchemas.get(table.entity());
            for (Map<String, Object> record : batch.records()) {
                Long timestamp = timestamps.of(batch.syncedAt(),
                        cursor.flatMap(field -> ConnectValues.instant(record.get(field))));
                Object value = valueSchema == null ? ConnectValues.toConnect(record)
                        : StructValues.struct(record, valueSchema);
                records.add(record(partition, records.size() == total - 1 ? end : before, key(record),
                        valueSchema, value, timestamp, headers(syncedAt, false)));
            }
            for (Map<String, Object> deleted : batch.deletedKeys()) {
                records.add(record(partition, records.size() == total - 1 ? end : before, key(deleted), null, null,
                        batch.syncedAt().toEpochMilli(), headers(syncedAt, true)));
            }
            return records;
        }

        private SourceRecord record(Map<String, Object> partition, Map<String, Object> offset, Object key,
                Schema valueSchema, Object value, Long timestamp, ConnectHeaders headers) {
            return new SourceRecord(partition, offset, topic, null, null, key, valueSchema, value, timestamp,
                    headers);
        }

        private Map<String, Object> key(Map<String, Object> record) {
            Map<String, Object> key = new LinkedHashMap<>();
            for (String field : table.primaryKey()) {
                key.put(field, ConnectValues.toConnect(record.get(field)));
            }
            return key;
        }

        private ConnectHeaders headers(String syncedAt, boolean deleted) {
            ConnectHeaders headers = new ConnectHeaders();
            headers.add(SYNCED_AT_HEADER, new SchemaAndValue(Schema.STRING_SCHEMA, syncedAt));
            headers.add(DATA_SOURCE_HEADER, new SchemaAndValue(Schema.STRING_SCHEMA, config.dataSource()));
            if (deleted) {
                headers.add(DELETED_HEADER, new SchemaAndValue(Schema.STRING_SCHEMA, "true"));
            }
            return headers;
        }
    }
}
