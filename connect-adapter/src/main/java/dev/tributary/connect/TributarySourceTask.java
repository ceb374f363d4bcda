package dev.tributary.connect;

import dev.tributary.runtime.sync.CancelHandle;
import dev.tributary.runtime.sync.EntityResult;
import dev.tributary.runtime.sync.EntityStatus;
import dev.tributary.runtime.sync.SourceBudget;
import dev.tributary.runtime.sync.SyncListener;
import dev.tributary.runtime.sync.SyncRequest;
import dev.tributary.runtime.sync.SyncResult;
import dev.tributary.spi.EntityDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs its share of a Tributary connector's entities into Kafka, again every {@code tributary.poll.interval.ms}.
 * A background thread runs Tributary's sync engine (retries, backoff, the request budget, incremental state) into a
 * {@link TopicDestination}; {@link #poll()} hands Connect whole batches. The connector's request budget is divided
 * evenly among the tasks, each task's share capped so stated server limits can lower it but never raise it.
 */
public class TributarySourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(TributarySourceTask.class);
    private static final int QUEUED_BATCHES = 8;

    private final BlockingQueue<List<SourceRecord>> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final CancelHandle cancel = new CancelHandle();
    private volatile boolean stopped;
    private SourceRuntime runtime;
    private Thread syncs;

    /** Creates the task; Connect configures it with {@link #start(Map)}. */
    public TributarySourceTask() {
    }

    @Override
    public String version() {
        return Versions.adapter();
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = SourceConfig.parse(props);
        List<String> entities = Arrays.stream(props.getOrDefault(SourceConfig.TASK_ENTITIES, "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        int tasks = Integer.parseInt(props.getOrDefault(SourceConfig.TASK_COUNT, "1"));
        runtime = SourceRuntime.open(config);
        SourceBudget total = runtime.engine().startBudget(runtime.limiter(), runtime.connector(), config.settings(),
                config.rateSet());
        SourceBudget share = new SourceBudget(total.requestsPerSecond() / tasks, total.burst(),
                SourceBudget.Origin.SETTING, total.basis() + ", divided among " + tasks + " task(s)");
        runtime.limiter().use(share);
        LOG.info("Tributary source task for {} ({}): entities {}, request budget {}", config.dataSource(),
                config.connectorId(), entities, share.describe());
        List<EntityDescriptor> descriptors = new ArrayList<>(runtime.connector().getAvailableEntities());
        TopicDestination destination = new TopicDestination(config, RecordTimestamp.of(props),
                context.offsetStorageReader(), batches, () -> stopped, descriptors);
        SyncRequest request = new SyncRequest(config.dataSource(), config.topicPrefix(), entities,
                config.fullRefresh(), config.settings());
        syncs = new Thread(() -> runSyncs(config, destination, request),
                "tributary-source-" + config.dataSource());
        syncs.setDaemon(true);
        syncs.start();
    }

    private void runSyncs(SourceConfig config, TopicDestination destination, SyncRequest request) {
        while (!stopped) {
            try {
                SyncResult result = runtime.engine().sync(runtime.connector(), destination, request,
                        runtime.limiter(), SyncListener.NONE, cancel);
                for (EntityResult entity : result.entities()) {
                    if (entity.status() == EntityStatus.FAILED) {
                        LOG.error("Tributary entity '{}' of {} failed: {}; it is retried in {} ms", entity.entity(),
                                config.dataSource(), entity.error().orElse("unknown error"), config.pollInterval());
                    } else {
                        LOG.info("Tributary entity '{}' of {}: {} ({} records, {} deletions)", entity.entity(),
                                config.dataSource(), entity.status(), entity.records(), entity.deletions());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Tributary sync of {} failed: {}; retried in {} ms", config.dataSource(), e.getMessage(),
                        config.pollInterval());
            }
            try {
                Thread.sleep(config.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whole batches queued by the sync, so a batch is never split over two transactions. */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> first = batches.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<List<SourceRecord>> drained = new ArrayList<>();
        drained.add(first);
        batches.drainTo(drained);
        TransactionContext transactions = context.transactionContext();
        List<SourceRecord> records = new ArrayList<>();
        for (List<SourceRecord> batch : drained) {
            records.addAll(batch);
            if (transactions != null) {
                transactions.commitTransaction(batch.get(batch.size() - 1));
            }
        }
        return records;
    }

    @Override
    public void stop() {
        stopped = true;
        cancel.cancel();
        Thread running = syncs;
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (runtime != null) {
            runtime.close();
        }
    }
}
