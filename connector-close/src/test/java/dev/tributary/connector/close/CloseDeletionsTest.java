package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.spi.Batch;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deletions in Close syncs: incremental runs read the event log's {@code deleted} (and, for leads, {@code merged})
 * events since their lower bound into deletion batches before the last one; complete listings end with
 * {@link Batch#listingStartedAt()} so the runtime marks what they did not list deleted.
 */
class CloseDeletionsTest {

    private static final Instant SINCE = Instant.parse("2024-05-20T08:00:00Z");

    private FakeCloseServer server;
    private CloseSession session;

    @BeforeEach
    void start() throws IOException {
        server = CloseData.install(new FakeCloseServer());
        session = new CloseSession(server);
    }

    @AfterEach
    void stop() {
        session.close();
        server.close();
    }

    static Map<String, Object> event(String id, String objectType, String objectId, String action, String updated) {
        Map<String, Object> event = new LinkedHashMap<>(CloseDeliveries.noteDeleted());
        event.put("id", id);
        event.put("object_type", objectType);
        event.put("object_id", objectId);
        event.put("action", action);
        event.put("date_updated", updated);
        return event;
    }

    private BatchRecorder incremental(String entity) {
        BatchRecorder recorder = new BatchRecorder();
        session.connector.fetchEntity(session.options(entity, recorder).batchSize(100).since(SINCE).build());
        return recorder;
    }

    @Test
    void anIncrementalRunCarriesTheEventLogsDeletionsOfItsObjectTypesInItsLastBatch() {
        server.events(List.of(
                event("ev_1", "activity.note", "acti_note", "deleted", "2024-05-20T08:40:03.554000+00:00"),
                event("ev_2", "activity.call", "acti_call", "deleted", "2024-05-20T09:10:00.000000+00:00"),
                event("ev_3", "lead", "lead_gone", "deleted", "2024-05-20T09:20:00.000000+00:00"),
                event("ev_4", "activity.note", "acti_old", "deleted", "2024-05-19T08:00:00.000000+00:00")));

        BatchRecorder run = incremental("activities");

        assertThat(run.batches()).flatExtracting(Batch::deletedKeys)
                .containsExactlyInAnyOrder(Map.of("id", "acti_note"), Map.of("id", "acti_call"));
        Batch last = run.batches().get(run.batches().size() - 1);
        assertThat(last.deletedKeys()).isEmpty();
        assertThat(last.listingStartedAt()).isEmpty();
        assertThat(server.requestsTo("event/")).extracting(url -> url.queryParameter("action"))
                .containsExactly("deleted");
        assertThat(server.requestsTo("event/").get(0).queryParameter("date_updated__gte"))
                .isEqualTo("2024-05-20T07:55:00Z");
    }

    @Test
    void aMergedLeadIsDeletedByTheIncrementalRun() {
        Map<String, Object> merged = event("ev_5", "lead", "lead_survivor", "merged",
                "2024-05-20T09:00:00.000000+00:00");
        merged.put("meta", Map.of("merge_source_lead_id", "lead_merged_away"));
        server.events(List.of(merged));

        BatchRecorder run = incremental("leads");

        assertThat(run.batches()).flatExtracting(Batch::deletedKeys).containsExactly(Map.of("id", "lead_merged_away"));
    }

    @Test
    void eventLogPagesAreFollowedWithTheCursor() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(event("ev_" + i, "opportunity", "oppo_" + i, "deleted",
                    "2024-05-20T09:" + String.format("%02d", i % 60) + ":00.000000+00:00"));
        }
        server.events(many);

        BatchRecorder run = incremental("opportunities");

        assertThat(run.batches()).flatExtracting(Batch::deletedKeys).hasSize(120);
        assertThat(server.requestsTo("event/")).hasSize(3);
    }

    @Test
    void aCompleteListingEndsWithItsStartSoMissingRowsAreMarked() {
        Instant before = Instant.now();
        BatchRecorder run = session.fetch("contacts", 100);

        Batch last = run.batches().get(run.batches().size() - 1);
        assertThat(last.listingStartedAt()).hasValueSatisfying(start -> assertThat(start).isAfterOrEqualTo(before));
        assertThat(server.requestsTo("event/")).isEmpty();
    }
}
