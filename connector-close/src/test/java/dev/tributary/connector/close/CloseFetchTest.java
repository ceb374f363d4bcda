package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.PermanentException;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloseFetchTest {

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

    private static List<Object> idsByDate(List<Map<String, Object>> records, String field) {
        return records.stream()
                .sorted(Comparator.<Map<String, Object>, Instant>comparing(
                        r -> CloseTimestamp.parse(r.get(field)).orElseThrow()).thenComparing(r -> (String) r.get("id")))
                .map(r -> r.get("id")).toList();
    }

    @Test
    void pagesLeadsWithSkipAndLimitEqualToBatchSize() {
        BatchRecorder run = session.fetch("leads", 5);

        assertThat(server.requestsTo("lead/")).extracting(url -> url.queryParameter("_skip"))
                .containsExactly("0", "5", "10");
        assertThat(server.requestsTo("lead/")).extracting(url -> url.queryParameter("_limit"))
                .containsOnly("5");
        assertThat(server.requestsTo("lead/")).extracting(url -> url.queryParameter("query"))
                .containsOnly("sort:date_updated");
        assertThat(run.batches()).extracting(batch -> batch.records().size()).containsExactly(5, 5, 2);
        assertThat(run.ids()).isEqualTo(idsByDate(CloseData.leads(), "date_updated"));
    }

    @Test
    void storesRecordsExactlyAsCloseReturnsThem() {
        Map<String, Object> fixtureLead = CloseFixtures.data("lead_list_page.json").get(0);

        List<Map<String, Object>> leads = session.fetch("leads", 100).records();

        assertThat(leads).contains(fixtureLead);
        Map<String, Object> stored = leads.stream().filter(l -> l.get("id").equals(fixtureLead.get("id")))
                .findFirst().orElseThrow();
        assertThat(stored.keySet()).containsExactlyElementsOf(fixtureLead.keySet());
        assertThat(stored).containsKey("custom.cf_v6S011I6MqcbVvB2FA5Nk8dr5MkL8sWuCiG8cUleO9c")
                .containsEntry("source", null);
    }

    @Test
    void capsPageSizeAtCloseLimitWhenBatchIsLarger() {
        session.fetch("contacts", 1000);

        assertThat(server.requestsTo("contact/")).extracting(url -> url.queryParameter("_limit"))
                .containsExactly("100");
    }

    @Test
    void keepsActivityTypeOfEveryActivity() {
        List<Map<String, Object>> activities = session.fetch("activities", 4).records();

        assertThat(activities).hasSize(CloseData.activities().size());
        assertThat(activities).extracting(a -> a.get("_type")).containsOnly("Note", "Call")
                .contains("Note", "Call");
        assertThat(activities).containsAll(CloseFixtures.data("activity_list_page.json"));
    }

    @Test
    void tagsCustomFieldsWithTheirKind() {
        List<Map<String, Object>> fields = session.fetch("custom_fields", 2).records();

        assertThat(fields).extracting(f -> f.get("_custom_field_kind"))
                .containsExactly("lead", "lead", "lead", "contact", "opportunity", "shared");
        Map<String, Object> shared = fields.get(fields.size() - 1);
        Map<String, Object> expected = new java.util.LinkedHashMap<>(CloseFixtures.object("custom_field.json"));
        expected.put("_custom_field_kind", "shared");
        assertThat(shared).isEqualTo(expected);
        assertThat(server.requests()).extracting(r -> r.getUrl().encodedPath()).contains(
                "/api/v1/custom_field/lead/", "/api/v1/custom_field/contact/", "/api/v1/custom_field/opportunity/",
                "/api/v1/custom_field/activity/", "/api/v1/custom_field/shared/");
    }

    @Test
    void readsUsersAndContactsInFull() {
        assertThat(session.fetch("users", 100).records()).isEqualTo(CloseData.users());
        assertThat(session.fetch("contacts", 3).records()).isEqualTo(CloseData.contacts());
    }

    @Test
    void incrementalLeadsUseDateUpdatedSearchAndDropOlderRecords() {
        Instant since = Instant.parse("2024-05-01T09:00:30.500Z");
        BatchRecorder run = new BatchRecorder();

        session.connector.fetchEntity(session.options("leads", run).batchSize(100).since(since).build());

        assertThat(server.requestsTo("lead/")).extracting(url -> url.queryParameter("query"))
                .containsExactly("date_updated>=\"2024-05-01T09:00\" sort:date_updated");
        assertThat(run.records()).isNotEmpty().allSatisfy(lead -> assertThat(
                CloseTimestamp.parse(lead.get("date_updated")).orElseThrow()).isAfterOrEqualTo(since));
        long expected = CloseData.leads().stream()
                .filter(l -> !CloseTimestamp.parse(l.get("date_updated")).orElseThrow().isBefore(since)).count();
        assertThat(run.records()).hasSize((int) expected);
    }

    @Test
    void incrementalOpportunitiesFilterOnDateUpdatedInOrder() {
        Instant since = Instant.parse("2024-05-01T09:00:20Z");
        BatchRecorder run = new BatchRecorder();

        session.connector.fetchEntity(session.options("opportunities", run).batchSize(3).since(since).build());

        HttpUrl first = server.requestsTo("opportunity/").get(0);
        assertThat(first.queryParameter("date_updated__gte")).isEqualTo("2024-05-01T09:00:20.000000+00:00");
        assertThat(first.queryParameter("_order_by")).isEqualTo("date_updated");
        assertThat(run.records()).allSatisfy(o -> assertThat(
                CloseTimestamp.parse(o.get("date_updated")).orElseThrow()).isAfterOrEqualTo(since));
        assertThat(run.records()).extracting(o -> o.get("id"))
                .contains("oppo_8eB77gAdf8FMy6GsNHEy84f7uoeEWv55slvUjKQZpJt");
    }

    @Test
    void incrementalActivitiesFilterOnDateCreated() {
        Instant since = Instant.parse("2024-05-16T00:00:00Z");
        BatchRecorder run = new BatchRecorder();

        session.connector.fetchEntity(session.options("activities", run).batchSize(10).since(since).build());

        assertThat(server.requestsTo("activity/")).extracting(url -> url.queryParameter("date_created__gte"))
                .containsExactly("2024-05-16T00:00:00.000000+00:00");
        assertThat(run.records()).isEqualTo(CloseFixtures.data("activity_list_page.json"));
    }

    @Test
    void fullSyncEntitiesIgnoreSince() {
        BatchRecorder run = new BatchRecorder();

        session.connector.fetchEntity(session.options("users", run).since(Instant.parse("2030-01-01T00:00:00Z"))
                .build());

        assertThat(run.records()).isEqualTo(CloseData.users());
        assertThat(server.requestsTo("user/").get(0).queryParameterNames()).containsExactly("_skip", "_limit");
    }

    @Test
    void finalStateResumesToNothing() {
        BatchRecorder first = session.fetch("opportunities", 4);
        int requests = server.requests().size();
        BatchRecorder again = new BatchRecorder();

        session.connector.fetchEntity(session.options("opportunities", again).resumeState(first.lastState()).build());

        assertThat(again.batches()).isEmpty();
        assertThat(server.requests()).hasSize(requests);
    }

    @Test
    void everyRequestAcquiresAPermit() {
        session.fetch("leads", 5);

        assertThat(session.limiter.acquired()).isEqualTo(server.requests().size()).isEqualTo(3);
    }

    @Test
    void concurrentEntityFetchesShareTheDataSourceBudget() throws Exception {
        CompletableFuture<BatchRecorder> leads = CompletableFuture.supplyAsync(() -> session.fetch("leads", 2));
        CompletableFuture<BatchRecorder> activities =
                CompletableFuture.supplyAsync(() -> session.fetch("activities", 2));

        assertThat(leads.get(30, TimeUnit.SECONDS).records()).hasSameSizeAs(CloseData.leads());
        assertThat(activities.get(30, TimeUnit.SECONDS).records()).hasSameSizeAs(CloseData.activities());
        assertThat(session.limiter.acquired()).isEqualTo(server.requests().size());
    }

    @Test
    void unknownEntityIsPermanent() {
        assertThatThrownBy(() -> session.fetch("tasks", 10))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("no entity 'tasks'")
                .hasMessageContaining("leads");
    }

    @Test
    void unreadableResumeStateIsPermanent() {
        BatchRecorder run = new BatchRecorder();

        assertThatThrownBy(() -> session.connector.fetchEntity(
                session.options("leads", run).resumeState("{\"cursor\": \"abc\"}").build()))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("resume state of entity 'leads'")
                .hasMessageContaining("full refresh");
    }

    @Test
    void pageWithoutDataArrayIsPermanent() {
        server.fail(FakeCloseServer.page("user/", 0), 1,
                FakeCloseServer.json(200, Map.of("has_more", false, "data", Map.of())));

        assertThatThrownBy(() -> session.fetch("users", 10))
                .isInstanceOf(PermanentException.class)
                .hasMessage("GET /api/v1/user/: unexpected response: field 'data' is missing or not an array");
    }
}
