package dev.tributary.runtime.sync;

import dev.tributary.runtime.typing.EntityTyper;
import dev.tributary.runtime.typing.FlatBatch;
import dev.tributary.runtime.typing.FlatRecord;
import dev.tributary.runtime.typing.LastPerKey;
import dev.tributary.runtime.typing.RecordFlattener;
import dev.tributary.runtime.typing.TypedBatch;
import dev.tributary.runtime.typing.TypingSettings;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.Batch;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.SchemaContract;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EntityWriter;
import dev.tributary.spi.destination.SyncState;
import dev.tributary.spi.destination.WriteBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs one entity: plans the run from the stored state, starts an {@link EntityFetch} on a fetching thread, and on
 * the calling thread writes each batch with its state in one transaction, then finishes the run. For a typed-tables
 * destination the fetching thread flattens each batch ({@link RecordFlattener}) and the writing thread places the
 * flat records into the layout's columns, evolving the schema inside the batch's transaction. Never throws: every
 * outcome is an {@link EntityResult}.
 */
final class EntitySync implements Callable<EntityResult> {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.sync");
    private static final int QUEUE_CAPACITY = 4;
    /** The most batches a merging writer's queue holds, whatever the destination prefers. */
    private static final int MAX_MERGED_BATCHES = 64;
    private static final Duration POLL = Duration.ofMillis(100);

    private final BaseConnector connector;
    private final EntityDescriptor entity;
    private final Destination destination;
    private final SyncRequest request;
    private final EntityFetch.Services services;
    private final ExecutorService fetchThreads;
    private final SyncProgress progress;
    private final Clock clock;
    private final SyncMetrics.EntityMeters meters;

    EntitySync(BaseConnector connector, EntityDescriptor entity, Destination destination, SyncRequest request,
            Environment environment, SyncProgress progress, SyncMetrics.EntityMeters meters) {
        this.connector = connector;
        this.entity = entity;
        this.destination = destination;
        this.request = request;
        this.services = environment.services();
        this.fetchThreads = environment.fetchThreads();
        this.clock = environment.clock();
        this.progress = progress;
        this.meters = meters;
    }

    /** The engine's shared parts. */
    record Environment(EntityFetch.Services services, ExecutorService fetchThreads, Clock clock) {
    }

    @Override
    public EntityResult call() {
        EntityResult result = sync();
        meters.ended(result);
        return result;
    }

    private EntityResult sync() {
        if (services.cancel().isCancelled()) {
            return progress.end(EntityStatus.CANCELLED, Optional.of("cancelled before it started"));
        }
        progress.start();
        EntityTable table = new EntityTable(request.tablePrefix(), entity.name(), entity.primaryKey(),
                request.dataSourceName(), entity.schema());
        int perTransaction = preferredRecordsPerTransaction();
        BatchQueue queue = new BatchQueue(queueCapacity(perTransaction, request.settings().batchSize()));
        Future<?> fetch = null;
        Runnable interrupt = null;
        EntityWriter writer = null;
        try {
            SyncPlan plan = SyncPlan.decide(destination.readState(table), entity, request.fullRefresh(),
                    request.settings().lookBack());
            LOG.info("entity '{}': {} into {}", entity.name(), plan.describe(), destination.describe());
            writer = destination.openWriter(table, plan.start());
            Optional<EntityTyper> typer = typer(writer);
            Optional<RecordFlattener> flattener = typer.map(t -> new RecordFlattener(entity.name(),
                    entity.primaryKey(), entity.schema(), typingSettings()));
            fetch = fetchThreads.submit(SyncLogContext.carrying(new EntityFetch(connector, entity.name(),
                    request.settings().batchSize(), plan, queue, services, progress, meters, flattener)));
            Future<?> running = fetch;
            interrupt = () -> running.cancel(true);
            services.cancel().onCancel(interrupt);
            return write(writer, typer, queue, plan.start(), perTransaction);
        } catch (RuntimeException e) {
            LOG.error("entity '{}' failed: {}", entity.name(), e.getMessage());
            return progress.end(EntityStatus.FAILED, Optional.of(message(e)));
        } finally {
            queue.close();
            if (fetch != null) {
                fetch.cancel(true);
            }
            if (interrupt != null) {
                services.cancel().remove(interrupt);
            }
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** What the destination prefers; 0 (a transaction per batch) with a warning when it cannot say. */
    private int preferredRecordsPerTransaction() {
        try {
            return Math.max(0, destination.preferredRecordsPerTransaction());
        } catch (RuntimeException e) {
            LOG.warn("destination {} failed to say how many records it prefers per transaction ({}); committing"
                    + " each batch alone", destination.describe(), message(e));
            return 0;
        }
    }

    /**
     * Room for the batches of one preferred transaction (at least {@link #QUEUE_CAPACITY}), so that a writer merging
     * waiting batches can find that many; the fetcher runs at most that far ahead of the writer.
     */
    static int queueCapacity(int recordsPerTransaction, int batchSize) {
        if (recordsPerTransaction <= 0) {
            return QUEUE_CAPACITY;
        }
        int batches = (recordsPerTransaction + Math.max(1, batchSize) - 1) / Math.max(1, batchSize);
        return Math.max(QUEUE_CAPACITY, Math.min(batches, MAX_MERGED_BATCHES));
    }

    /** The typer of a typed-tables destination, starting from the layout the writer prepared. */
    private Optional<EntityTyper> typer(EntityWriter writer) {
        if (!destination.typedTables()) {
            return Optional.empty();
        }
        var layout = writer.layout().orElseThrow(() -> new IllegalStateException("destination "
                + destination.describe() + " declares typed tables but its writer gives no layout for '"
                + entity.name() + "'; its EntityWriter.layout() must return the table it prepared"));
        return Optional.of(new EntityTyper(entity.name(), entity.primaryKey(), entity.schema(), layout,
                typingSettings()));
    }

    private TypingSettings typingSettings() {
        return TypingSettings.of(request.settings(), destination.maxIdentifierLength());
    }

    /** Writes every batch; merges waiting batches up to {@code perTransaction} records when it is above zero. */
    private EntityResult write(EntityWriter writer, Optional<EntityTyper> typer, BatchQueue queue,
            SyncState start, int perTransaction) {
        String runId = UUID.randomUUID().toString();
        SyncState state = start;
        while (true) {
            if (services.cancel().isCancelled()) {
                return cancelled();
            }
            Optional<BatchQueue.Item> next;
            try {
                next = queue.poll(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return cancelled();
            }
            if (next.isEmpty()) {
                continue;
            }
            BatchQueue.Item item = next.get();
            if (item instanceof BatchQueue.Data data) {
                BatchQueue.Data merged = perTransaction > 0 ? queue.merge(data, perTransaction) : data;
                state = commit(writer, typer, runId, state, merged.batch(), merged.flat());
            } else if (item instanceof BatchQueue.End) {
                writer.finish(state.asFinished());
                EntityResult result = progress.end(EntityStatus.DONE, Optional.empty());
                LOG.info("entity '{}' done: {} records written{}, {} deletions in {} ms", entity.name(),
                        result.records(), result.discarded() > 0 ? ", " + result.discarded()
                                + " discarded (schema contract)" : "", result.deletions(),
                        result.duration().toMillis());
                return result;
            } else if (item instanceof BatchQueue.Failed failed) {
                if (failed.failure() instanceof CancellationException) {
                    return cancelled();
                }
                LOG.error("entity '{}' failed: {}", entity.name(), message(failed.failure()));
                return progress.end(EntityStatus.FAILED, Optional.of(message(failed.failure())));
            }
        }
    }

    private SyncState commit(EntityWriter writer, Optional<EntityTyper> typer, String runId, SyncState state,
            Batch batch, Optional<FlatBatch> flat) {
        Optional<Instant> maxCursor = entity.cursorField()
                .map(field -> CursorField.max(state.maxCursor(), batch.records(), field))
                .orElse(state.maxCursor());
        SyncState next = state.advancedTo(batch.resumeState(), maxCursor);
        WriteBatch write;
        long discardedRows = 0;
        if (typer.isPresent()) {
            List<FlatRecord> records = LastPerKey.ofFlat(flat.orElseThrow().records());
            TypedBatch typed = typer.get().typeFlat(records, runId);
            report(typed);
            discardedRows = records.size() - typed.records().size();
            write = new WriteBatch(typed.records(), batch.deletedKeys(), next, clock.instant(),
                    Optional.of(typed.write()));
        } else {
            write = new WriteBatch(batch.records(), batch.deletedKeys(), next, clock.instant());
        }
        long deletions = batch.deletedKeys().size();
        if (batch.listingStartedAt().isPresent()) {
            OptionalLong unlisted = writer.writeEndingListing(write, batch.listingStartedAt().get());
            if (unlisted.isPresent()) {
                deletions += unlisted.getAsLong();
                LOG.info("entity '{}': complete listing since {}; {} rows no longer listed marked deleted",
                        entity.name(), batch.listingStartedAt().get(), unlisted.getAsLong());
            } else {
                LOG.warn("entity '{}': {} cannot mark the rows a complete listing no longer has as deleted; "
                        + "deletions the source no longer reports stay unmarked", entity.name(),
                        destination.describe());
            }
        } else {
            writer.write(write);
        }
        long written = batch.records().size() - discardedRows;
        progress.committed(written, deletions, discardedRows);
        meters.committed(written, deletions);
        return next;
    }

    /** Logs what typing a batch stored differently or left out under the data source's schema_contract. */
    private void report(TypedBatch typed) {
        typed.warnings().forEach(warning -> LOG.warn("{}", warning));
        if (!typed.discarded().isEmpty()) {
            LOG.warn("entity '{}': schema_contract {} left out {} {} of this batch: {}", entity.name(),
                    request.settings().schemaContract().settingValue(), typed.discardedCount(),
                    request.settings().schemaContract() == SchemaContract.DISCARD_ROW ? "records" : "values",
                    typed.discarded());
        }
    }

    private EntityResult cancelled() {
        LOG.warn("entity '{}' cancelled; the next run resumes from the last commit", entity.name());
        return progress.end(EntityStatus.CANCELLED,
                Optional.of("cancelled; the next run resumes from the last commit"));
    }

    private static String message(Throwable failure) {
        String text = failure.getMessage();
        return text == null || text.isBlank() ? failure.getClass().getSimpleName() : text;
    }
}
