package dev.tributary.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * What the contract's checks share: making initialised connectors from the author's hooks (and closing them after
 * the check), running fetches with the contract's batch size, and turning a connector's failures into assertion
 * messages that name the entity and the run. One per {@link ConnectorContract} instance, so per check.
 */
final class ContractHarness {

    private final ConnectorContract contract;
    private final List<BaseConnector> opened = new ArrayList<>();

    ContractHarness(ConnectorContract contract) {
        this.contract = contract;
    }

    /** Closes every connector this harness initialised. */
    void closeAll() {
        try {
            opened.forEach(BaseConnector::close);
        } finally {
            opened.clear();
        }
    }

    BaseConnector initializedConnector() {
        return initializedConnector(contract.config(), new CountingRateLimiter());
    }

    FetchOptions.Builder options(EntityDescriptor entity) {
        return FetchOptions.builder(entity.name()).batchSize(contract.contractBatchSize());
    }

    BaseConnector initializedConnector(Map<String, Object> config, CountingRateLimiter limiter) {
        BaseConnector connector = contract.newConnector();
        try {
            connector.initialize(context(config, limiter));
        } catch (IllegalStateException e) {
            throw new AssertionError("initialize failed: " + e.getMessage() + "; newConnector() must return a new "
                    + "instance on every call", e);
        }
        opened.add(connector);
        return connector;
    }

    FakeConnectorContext context(Map<String, Object> config, CountingRateLimiter limiter) {
        BaseConnector probe = contract.newConnector();
        return FakeConnectorContext.of(probe, config).withSettings(contract.settings()).withRateLimiter(limiter);
    }

    Stream<DynamicTest> forEachEntity(Consumer<EntityDescriptor> check) {
        return initializedConnector().getAvailableEntities().stream()
                .map(entity -> DynamicTest.dynamicTest(entity.name(), () -> check.accept(entity)));
    }

    Stream<DynamicTest> forEachIncrementalEntity(Consumer<EntityDescriptor> check) {
        List<EntityDescriptor> incremental = initializedConnector().getAvailableEntities().stream()
                .filter(EntityDescriptor::isIncremental).toList();
        assumeTrue(!incremental.isEmpty(), "no entity declares a cursor field, so none syncs incrementally");
        return incremental.stream().map(entity -> DynamicTest.dynamicTest(entity.name(), () -> check.accept(entity)));
    }

    RecordingBatches fetch(BaseConnector connector, FetchOptions.Builder options) {
        return fetch(connector, options, "a full run");
    }

    RecordingBatches fetch(BaseConnector connector, FetchOptions.Builder options, String what) {
        RecordingBatches batches = new RecordingBatches();
        FetchOptions built = options.onBatch(batches).build();
        try {
            connector.fetchEntity(built);
        } catch (RuntimeException e) {
            throw new AssertionError("entity '" + built.entity() + "': fetchEntity threw " + e + " on " + what, e);
        }
        return batches;
    }

    RecordingBatches fetchWithRecords(BaseConnector connector, EntityDescriptor entity) {
        return fetchWithRecords(connector, entity, new CountingRateLimiter());
    }

    RecordingBatches fetchWithRecords(BaseConnector connector, EntityDescriptor entity, CountingRateLimiter limiter) {
        RecordingBatches run = fetch(connector, options(entity).rateLimiter(limiter));
        assumeTrue(run.records().size() + run.deletedKeys().size() > 0, () -> "entity '" + entity.name()
                + "' returned no records with config(), so there is nothing to check; give the fake source data");
        return run;
    }

    void requireSeveralBatches(EntityDescriptor entity) {
        int batches = fetchWithRecords(initializedConnector(), entity).count();
        assumeTrue(batches > 1, () -> "entity '" + entity.name() + "' fits in one batch of "
                + contract.contractBatchSize() + ", so stopping between batches cannot be observed; give it more "
                + "records or lower contractBatchSize()");
    }

    Instant cursorOf(EntityDescriptor entity, Map<String, Object> record) {
        String field = entity.cursorField().orElseThrow();
        return CursorValue.parse(record.get(field)).orElseThrow(() -> new AssertionError("entity '" + entity.name()
                + "': record " + RecordDiff.keyOf(record, entity.primaryKey()) + " has cursor field '" + field
                + "' = " + record.get(field) + ", which is neither ISO-8601 text with an offset nor Unix epoch "
                + "seconds; the runtime cannot derive since from it"));
    }
}
