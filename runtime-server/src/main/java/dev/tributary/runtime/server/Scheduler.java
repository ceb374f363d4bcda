package dev.tributary.runtime.server;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.tributary.runtime.store.SyncAlreadyRunningException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts syncs of data sources whose cron schedule (read in the source's time zone, parsed by cron-utils) is due.
 *
 * <p>Each {@link #tick()} looks at the latest due time of every schedule. A due time after the last one handled
 * (initially: the source's last run, so that ticks missed while the server was down run <em>once</em>) starts a
 * sync; when the previous run is still going the tick is skipped and logged, not queued. Time comes from the
 * injected {@link Clock}. Thread-safe; ticks do not overlap.
 */
final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** What one tick did about one data source. */
    enum Outcome {
        /** A sync was started. */
        STARTED,
        /** The source was due but its previous run is still going. */
        SKIPPED_RUNNING,
        /** The sync could not be started; the log says why. */
        FAILED
    }

    /**
     * One decision of a tick.
     *
     * @param source the data source
     * @param due the scheduled time acted on
     * @param outcome what was done
     */
    record Decision(String source, Instant due, Outcome outcome) {
    }

    private final ScheduledSyncs syncs;
    private final Clock clock;
    private final Map<String, Instant> handled = new HashMap<>();
    private ScheduledExecutorService timer;

    Scheduler(ScheduledSyncs syncs, Clock clock) {
        this.syncs = Objects.requireNonNull(syncs, "syncs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Ticks every {@code period} on a daemon thread until closed. */
    synchronized void startTicking(Duration period) {
        if (timer != null) {
            throw new IllegalStateException("the scheduler is already ticking");
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tickSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the syncs that are due now; returns what it did, in source order. */
    synchronized List<Decision> tick() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        List<Decision> decisions = new ArrayList<>();
        for (ScheduledSyncs.ScheduledSource source : syncs.scheduled()) {
            Optional<Instant> due = latestDue(source, now);
            Instant last = handled.getOrDefault(source.name(), source.since());
            if (due.isEmpty() || !due.get().isAfter(last)) {
                continue;
            }
            handled.put(source.name(), due.get());
            decisions.add(new Decision(source.name(), due.get(), start(source.name(), due.get())));
        }
        return decisions;
    }

    private static Optional<Instant> latestDue(ScheduledSyncs.ScheduledSource source, ZonedDateTime now) {
        try {
            ExecutionTime times = ExecutionTime.forCron(CRON.parse(source.cron()));
            return times.lastExecution(now.withZoneSameInstant(source.zone())).map(ZonedDateTime::toInstant);
        } catch (IllegalArgumentException e) {
            LOG.warn("data source '{}' has an invalid schedule; it is not run on schedule: {}", source.name(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private Outcome start(String source, Instant due) {
        if (syncs.isRunning(source)) {
            LOG.info("skipping the scheduled sync of '{}' due at {}: its previous run is still going", source, due);
            return Outcome.SKIPPED_RUNNING;
        }
        try {
            syncs.start(source);
            LOG.info("started the scheduled sync of '{}' due at {}", source, due);
            return Outcome.STARTED;
        } catch (ApiError e) {
            if (e.status() == 409) {
                LOG.info("skipping the scheduled sync of '{}' due at {}: a run is still going", source, due);
                return Outcome.SKIPPED_RUNNING;
            }
            LOG.warn("cannot start the scheduled sync of '{}': {}", source, e.getMessage());
            return Outcome.FAILED;
        } catch (SyncAlreadyRunningException e) {
            LOG.info("skipping the scheduled sync of '{}' due at {}: {}", source, due, e.getMessage());
            return Outcome.SKIPPED_RUNNING;
        } catch (RuntimeException e) {
            LOG.warn("cannot start the scheduled sync of '{}'", source, e);
            return Outcome.FAILED;
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // Typically the store or ENCRYPTION_KEY is unusable; the message says which, every tick until fixed.
            LOG.warn("schedule check failed, trying again on the next tick: {}", e.getMessage());
        }
    }

    /** Stops ticking; a tick in progress finishes. Idempotent. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
