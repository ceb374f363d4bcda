package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tributary.spi.Batch;
import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.FetchOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-entity checks on what a fetch delivers: batch sizes, primary keys, resume states, resuming from each
 * state, repeatability, use of the rate limiter, and {@code since} on incremental entities.
 */
final class FetchChecks {

    static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");

    private final ConnectorContract contract;
    private final ContractHarness harness;

    FetchChecks(ConnectorContract contract, ContractHarness harness) {
        this.contract = contract;
        this.harness = harness;
    }

    void batchesNeverExceedTheBatchSize(EntityDescriptor entity) {
        try {
            harness.initializedConnector().fetchEntity(harness.options(entity).build());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("exceeds the batch size")) {
                fail(e.getMessage() + "; hand at most options.batchSize() records to each onBatch call "
                        + "(ask the source for pages of that size, or split pages)", e);
            }
            throw new AssertionError("entity '" + entity.name() + "': fetchEntity threw " + e, e);
        }
    }

    void everyRecordHasItsPrimaryKey(EntityDescriptor entity) {
        RecordingBatches run = harness.fetchWithRecords(harness.initializedConnector(), entity);
        List<Map<String, Object>> all = new ArrayList<>(run.records());
        all.addAll(run.deletedKeys());
        for (Map<String, Object> record : all) {
            List<String> absent = entity.primaryKey().stream().filter(f -> record.get(f) == null).toList();
            if (!absent.isEmpty()) {
                fail("entity '" + entity.name() + "': a record lacks primary-key field(s) " + absent
                        + " (declared primary key " + entity.primaryKey() + "; fields present: " + record.keySet()
                        + "); fix the entity's primary key or the record mapping");
            }
        }
    }

    void everyBatchCarriesAResumeState(EntityDescriptor entity) {
        RecordingBatches run = harness.fetchWithRecords(harness.initializedConnector(), entity);
        List<String> states = run.states();
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).isBlank()) {
                fail("entity '" + entity.name() + "': batch " + (i + 1) + " of " + states.size()
                        + " has a blank resume state; hand over the position after the batch (a page cursor, "
                        + "an offset, a marker such as \"done\") so the runtime can resume after it");
            }
        }
    }

    void resumingFromEachStateYieldsExactlyTheRemainingRecords(EntityDescriptor entity) {
        List<Batch> full = harness.fetchWithRecords(harness.initializedConnector(), entity).batches();
        BaseConnector resuming = harness.initializedConnector();
        for (int i = 0; i < full.size(); i++) {
            String state = full.get(i).resumeState();
            RecordingBatches resumed = harness.fetch(resuming, harness.options(entity).resumeState(state),
                    "resuming from the state of batch " + (i + 1) + " ('" + state + "')");
            List<Batch> remaining = full.subList(i + 1, full.size());
            Optional<String> problem = RecordDiff.describe(records(remaining), resumed.records(),
                    records(full.subList(0, i + 1)), entity.primaryKey())
                    .or(() -> RecordDiff.describe(deletions(remaining), resumed.deletedKeys(), List.of(),
                            entity.primaryKey()).map(d -> "deletions: " + d));
            if (problem.isPresent()) {
                fail("entity '" + entity.name() + "': resuming from the state of batch " + (i + 1) + " of "
                        + full.size() + " ('" + state + "') did not yield exactly the records after that batch: "
                        + problem.get() + ". A batch's resume state must point just after its last record; the "
                        + "runtime resumes from it after crashes and between retries");
            }
        }
    }

    void aSecondFullRunGivesTheSameRecords(EntityDescriptor entity) {
        RecordingBatches first = harness.fetchWithRecords(harness.initializedConnector(), entity);
        RecordingBatches second = freshRun(harness.options(entity), "a second full run");
        Optional<String> problem = RecordDiff.describe(first.records(), second.records(), List.of(),
                entity.primaryKey());
        problem.ifPresent(p -> fail("entity '" + entity.name() + "': a second full run with the same "
                + "configuration gave other records: " + p + "; fetch in a stable order and keep no state "
                + "between runs except what FetchOptions hands you"));
    }

    void fetchesGoThroughTheRateLimiter(EntityDescriptor entity) {
        CountingRateLimiter limiter = new CountingRateLimiter();
        harness.fetchWithRecords(harness.initializedConnector(contract.config(), limiter), entity, limiter);
        assertThat(limiter.acquired())
                .as("entity '%s': fetchEntity delivered records without calling options.rateLimiter().acquire();"
                        + " call it before every request so the data source's request budget is kept",
                        entity.name())
                .isPositive();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Incremental entities

    void sinceReturnsOnlyRecordsAtOrAfterIt(EntityDescriptor entity) {
        String cursor = entity.cursorField().orElseThrow();
        List<Map<String, Object>> all = harness.fetchWithRecords(harness.initializedConnector(), entity).records();
        List<Instant> cursors = all.stream().map(r -> harness.cursorOf(entity, r)).sorted().toList();
        Instant since = cursors.get(cursors.size() / 2);
        List<Map<String, Object>> after =
                freshRun(harness.options(entity).since(since), "a run with since " + since).records();
        List<String> early = after.stream().filter(r -> harness.cursorOf(entity, r).isBefore(since))
                .map(r -> RecordDiff.keyOf(r, entity.primaryKey()) + " (" + cursor + " " + r.get(cursor) + ")")
                .limit(5).toList();
        assertThat(early).as("entity '%s': with since %s the run returned records whose %s is earlier: %s; ask "
                + "the source for %s >= since", entity.name(), since, cursor, early, cursor).isEmpty();
        Set<List<Object>> returned = new HashSet<>();
        after.forEach(r -> returned.add(RecordDiff.keyOf(r, entity.primaryKey())));
        List<List<Object>> missed = all.stream().filter(r -> !harness.cursorOf(entity, r).isBefore(since))
                .map(r -> RecordDiff.keyOf(r, entity.primaryKey())).filter(k -> !returned.contains(k))
                .limit(5).toList();
        assertThat(missed).as("entity '%s': with since %s the run missed records whose %s is at or after it: %s",
                entity.name(), since, cursor, missed).isEmpty();
    }

    void aFarFutureSinceReturnsNothing(EntityDescriptor entity) {
        List<Map<String, Object>> records = freshRun(harness.options(entity).since(FAR_FUTURE),
                "a run with since " + FAR_FUTURE).records();
        assertThat(records).as("entity '%s': a run with since %s returned %d records; nothing was created after "
                + "it", entity.name(), FAR_FUTURE, records.size()).isEmpty();
    }


    private RecordingBatches freshRun(FetchOptions.Builder options, String what) {
        return harness.fetch(harness.initializedConnector(), options, what);
    }

    private static List<Map<String, Object>> records(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.records().stream()).toList();
    }

    private static List<Map<String, Object>> deletions(List<Batch> batches) {
        return batches.stream().flatMap(b -> b.deletedKeys().stream()).toList();
    }
}
