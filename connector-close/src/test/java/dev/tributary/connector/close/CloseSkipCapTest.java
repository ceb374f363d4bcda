package dev.tributary.connector.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.error.PermanentException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloseSkipCapTest {

    private FakeCloseServer server;
    private CloseSession session;

    @BeforeEach
    void start() throws IOException {
        server = CloseData.install(new FakeCloseServer()).maxSkip(4);
        session = new CloseSession(server);
    }

    @AfterEach
    void stop() {
        session.close();
        server.close();
    }

    private static List<Object> ids(List<Map<String, Object>> records) {
        return records.stream().map(record -> record.get("id")).toList();
    }

    /** The {@code n}-th smallest (or largest) date of a field, as Close writes it. */
    private static String nthDate(List<Map<String, Object>> records, String field, int n, boolean descending) {
        Comparator<Instant> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Instant at = records.stream().map(r -> CloseTimestamp.parse(r.get(field)).orElseThrow()).sorted(order)
                .toList().get(n);
        return CloseTimestamp.format(at);
    }

    @Test
    void leadsContinueThroughDateUpdatedSearchWhenSkipIsCapped() {
        BatchRecorder run = session.fetch("leads", 2);

        assertThat(run.ids()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(CloseData.leads()));
        List<HttpUrl> requests = server.requestsTo("lead/");
        assertThat(requests).extracting(url -> url.queryParameter("_skip")).contains("6")
                .allSatisfy(skip -> assertThat(Integer.parseInt(skip)).isLessThanOrEqualTo(6));
        // The sixth lead (skip 6 is refused) bounds the next slice, widened to its minute.
        String minute = CloseTimestamp.floorMinute(
                CloseTimestamp.parse(nthDate(CloseData.leads(), "date_updated", 5, false)).orElseThrow());
        assertThat(requests).extracting(url -> url.queryParameter("query"))
                .contains("sort:date_updated", "date_updated>=\"" + minute + "\" sort:date_updated");
    }

    @Test
    void opportunitiesNarrowOnDateUpdated() {
        BatchRecorder run = session.fetch("opportunities", 2);

        assertThat(run.ids()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(CloseData.opportunities()));
        assertThat(server.requestsTo("opportunity/")).extracting(url -> url.queryParameter("date_updated__gte"))
                .contains((String) null, nthDate(CloseData.opportunities(), "date_updated", 5, false));
    }

    @Test
    void activitiesNewestFirstNarrowOnDateCreatedUpperBound() {
        BatchRecorder run = session.fetch("activities", 3);

        assertThat(run.ids()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(CloseData.activities()));
        assertThat(server.requestsTo("activity/")).extracting(url -> url.queryParameter("date_created__lte"))
                .contains((String) null, nthDate(CloseData.activities(), "date_created", 5, true));
    }

    @Test
    void incrementalActivitiesKeepTheirLowerBoundWhileNarrowing() {
        Instant since = Instant.parse("2024-05-01T09:00:10Z");
        BatchRecorder run = new BatchRecorder();

        session.connector.fetchEntity(session.options("activities", run).batchSize(2).since(since).build());

        List<Object> expected = CloseData.activities().stream()
                .filter(a -> !CloseTimestamp.parse(a.get("date_created")).orElseThrow().isBefore(since))
                .map(a -> a.get("id")).toList();
        assertThat(run.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(server.requestsTo("activity/")).extracting(url -> url.queryParameter("date_created__gte"))
                .containsOnly("2024-05-01T09:00:10.000000+00:00");
    }

    @Test
    void endpointWithoutDateFilterFailsClearly() {
        assertThatThrownBy(() -> session.fetch("contacts", 2))
                .isInstanceOf(PermanentException.class)
                .hasMessageStartingWith(
                        "Close refuses _skip=6 on contact/ and that endpoint cannot be filtered by date")
                .hasMessageContaining("max_skip = 4");
    }

    @Test
    void recordsWithoutDateAreKeptButPreventNarrowing() {
        List<Map<String, Object>> opportunities = new ArrayList<>(CloseData.opportunities());
        Map<String, Object> undated = new LinkedHashMap<>(opportunities.get(3));
        undated.put("date_updated", null);
        opportunities.set(3, undated);
        server.list("opportunity/", opportunities).maxSkip(100);

        assertThat(session.fetch("opportunities", 2).records()).contains(undated).hasSameSizeAs(opportunities);

        server.maxSkip(4);
        assertThatThrownBy(() -> session.fetch("opportunities", 2))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("did not come ordered by date_updated");
    }

    @Test
    void tooManyRecordsAtOneDateFailInsteadOfLooping() {
        Map<String, Object> template = CloseFixtures.data("opportunity_list_page.json").get(0);
        server.list("opportunity/", CloseFixtures.derive(template, "oppo_same", "date_updated",
                Collections.nCopies(9, CloseData.START)));

        assertThatThrownBy(() -> session.fetch("opportunities", 2))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("narrowing by date_updated makes no progress")
                .hasMessageContaining("2024-05-01T09:00:00.000000+00:00");
    }
}
