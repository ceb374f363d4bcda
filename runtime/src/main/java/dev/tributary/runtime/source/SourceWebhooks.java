package dev.tributary.runtime.source;

import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.DataSources;
import dev.tributary.runtime.store.NoSuchDataSourceException;
import dev.tributary.runtime.sync.SyncConnectorContext;
import dev.tributary.runtime.sync.SyncEngine;
import dev.tributary.runtime.sync.SyncLogContext;
import dev.tributary.runtime.webhook.WebhookActivityLog;
import dev.tributary.runtime.webhook.WebhookReceipt;
import dev.tributary.runtime.webhook.WebhookReceipt.Status;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.destination.Destination;
import dev.tributary.spi.destination.EntityTable;
import dev.tributary.spi.destination.EventApplied;
import dev.tributary.spi.destination.EventWrite;
import dev.tributary.spi.webhook.EntityChange;
import dev.tributary.spi.webhook.WebhookEvent;
import dev.tributary.spi.webhook.WebhookOutcome;
import dev.tributary.spi.webhook.WebhookReceiver;
import dev.tributary.spi.webhook.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Receives the webhook deliveries of stored data sources: finds the source, lets its connector's
 * {@link WebhookReceiver} verify and map the delivery, and applies the event to each of the source's target
 * databases ({@link Destination#applyEvent}: one transaction each, each event id once; typed columns and child tables
 * as a sync writes them, see {@link EventTyping}), all before returning, so the
 * caller answers the source only once the change is committed. A failure to apply is thrown, so the source is
 * answered with an error and retries; the destinations' event ledger makes the retry apply the event once.
 *
 * <p>Destinations are opened on first use and kept until {@link #close()}. Thread-safe: deliveries run
 * concurrently; the destinations serialise those touching the same rows.
 */
final class SourceWebhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.webhooks");

    private final DataSources sources;
    private final ConnectorCatalog connectors;
    private final SyncEngine engine;
    private final Function<String, Destination> openDestination;
    private final Function<DataSource, Config> validated;
    private final WebhookActivityLog activity;
    private final Clock clock;
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();

    SourceWebhooks(DataSources sources, ConnectorCatalog connectors, SyncEngine engine,
            Function<String, Destination> openDestination, Function<DataSource, Config> validated,
            WebhookActivityLog activity, Clock clock) {
        this.sources = sources;
        this.connectors = connectors;
        this.engine = engine;
        this.openDestination = openDestination;
        this.validated = validated;
        this.activity = activity;
        this.clock = clock;
    }

    /**
     * Verifies, maps and applies one delivery, and counts it in the activity log.
     *
     * @return the receipt; refusals and unknown sources are receipts, not exceptions
     * @throws RuntimeException when the event could not be applied (destination unreachable, or it does not apply
     *     events); nothing is counted as applied and the source should retry
     */
    WebhookReceipt receive(String name, WebhookRequest request) {
        try (MDC.MDCCloseable sourceContext = MDC.putCloseable(SyncLogContext.SOURCE, name)) {
            WebhookReceipt receipt = verifyAndApply(name, request);
            activity.record(receipt);
            switch (receipt.status()) {
                case REFUSED -> LOG.warn("webhook for {} refused: {}", name, receipt.detail());
                case NOT_FOUND -> LOG.warn("webhook for {} not taken: {}", name, receipt.detail());
                default -> LOG.info("webhook for {}: {}", name, receipt.detail());
            }
            return receipt;
        }
    }

    /** The registration hint of the named source's receiver; empty when it takes no webhooks. */
    Optional<String> registrationHint(String name) {
        DataSource source = sources.get(name);
        try (BaseConnector connector = initialised(source)) {
            return connector.webhookReceiver().map(WebhookReceiver::registrationHint);
        }
    }

    private WebhookReceipt verifyAndApply(String name, WebhookRequest request) {
        DataSource source;
        try {
            source = sources.get(name);
        } catch (NoSuchDataSourceException e) {
            return WebhookReceipt.of(name, Status.NOT_FOUND, "no data source of that name");
        }
        try (BaseConnector connector = initialised(source)) {
            Optional<WebhookReceiver> receiver = connector.webhookReceiver();
            if (receiver.isEmpty()) {
                return WebhookReceipt.of(name, Status.NOT_FOUND, "the data source takes no webhooks (connector "
                        + source.connectorId() + "; set its webhook secret to take them)");
            }
            WebhookOutcome outcome = receiver.get().receive(request);
            if (outcome instanceof WebhookOutcome.Refused refused) {
                return WebhookReceipt.of(name, Status.REFUSED, refused.reason());
            }
            if (outcome instanceof WebhookOutcome.Ignored ignored) {
                return WebhookReceipt.of(name, Status.IGNORED, ignored.reason());
            }
            WebhookEvent event = ((WebhookOutcome.Accepted) outcome).event();
            return apply(source, connector.getMetadata().supportedEntities(), event);
        }
    }

    private WebhookReceipt apply(DataSource source, List<EntityDescriptor> entities, WebhookEvent event) {
        List<EventWrite.TableChange> changes = new ArrayList<>();
        Map<String, EntityDescriptor> declared = new HashMap<>();
        for (EntityChange change : event.changes()) {
            EntityDescriptor entity = entities.stream().filter(e -> e.name().equals(change.entity())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("connector " + source.connectorId() + " mapped event "
                            + event.id() + " to entity '" + change.entity() + "', which it does not declare"));
            declared.put(entity.name(), entity);
            changes.add(new EventWrite.TableChange(new EntityTable(source.name(), change.entity(),
                    entity.primaryKey(), source.name(), entity.schema()), change.records(), change.deletedKeys()));
        }
        Instant now = clock.instant();
        EventWrite write = new EventWrite(source.name(), event.id(), event.time(), now, changes);
        EventTyping typing = new EventTyping(source.settings());
        boolean allDuplicates = true;
        int upserted = 0;
        int deleted = 0;
        int skipped = 0;
        for (String target : source.targetDatabases()) {
            Destination destination = destinations.computeIfAbsent(target, openDestination);
            EventApplied applied = destination.applyEvent(typing.typed(destination, write, declared));
            allDuplicates &= applied.duplicate();
            upserted += applied.upserted();
            deleted += applied.deleted();
            skipped += applied.skipped();
        }
        String detail = allDuplicates ? "event " + event.id() + " (" + event.type() + ") was applied before"
                : "event " + event.id() + " (" + event.type() + ") applied: " + upserted + " upserted, " + deleted
                        + " deleted, " + skipped + " skipped as older or deleted";
        return new WebhookReceipt(source.name(), allDuplicates ? Status.DUPLICATE : Status.APPLIED,
                Optional.of(event.id()), Optional.of(event.type()), Optional.of(event.time()), detail, upserted,
                deleted, skipped);
    }

    private BaseConnector initialised(DataSource source) {
        BaseConnector connector = connectors.create(source.connectorId());
        try {
            connector.initialize(new SyncConnectorContext(validated.apply(source), source.settings(), source.name(),
                    engine.rateLimiter(source.settings())));
            return connector;
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
    }

    /** Closes the destinations opened so far. */
    @Override
    public void close() {
        destinations.values().forEach(Destination::close);
        destinations.clear();
    }
}
