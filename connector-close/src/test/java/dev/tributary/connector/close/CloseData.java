package dev.tributary.connector.close;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data set the fake Close server serves in most tests: each fixture record verbatim, plus copies of it with
 * new ids and dates (ties and same-minute updates included) so that listings span several pages.
 */
final class CloseData {

    static final Instant START = Instant.parse("2024-05-01T09:00:00Z");
    /** Spacing of derived records: a few seconds, so several share a minute. */
    static final Duration STEP = Duration.ofMillis(7_250);
    /** Spacing of derived leads: the lead search has minute precision, so fewer share a minute. */
    static final Duration LEAD_STEP = Duration.ofSeconds(25);

    private CloseData() {
    }

    static List<Map<String, Object>> leads() {
        List<Map<String, Object>> fixture = CloseFixtures.data("lead_list_page.json");
        return concat(fixture, CloseFixtures.derive(fixture.get(0), "lead_fake", "date_updated",
                CloseFixtures.dates(START, 11, LEAD_STEP)));
    }

    static List<Map<String, Object>> opportunities() {
        List<Map<String, Object>> fixture = CloseFixtures.data("opportunity_list_page.json");
        return concat(fixture, CloseFixtures.derive(fixture.get(0), "oppo_fake", "date_updated",
                CloseFixtures.dates(START, 9, STEP)));
    }

    static List<Map<String, Object>> activities() {
        List<Map<String, Object>> fixture = CloseFixtures.data("activity_list_page.json");
        List<Map<String, Object>> notes = CloseFixtures.derive(fixture.get(0), "acti_note", "date_created",
                CloseFixtures.dates(START, 6, STEP));
        List<Map<String, Object>> calls = CloseFixtures.derive(fixture.get(1), "acti_call", "date_created",
                CloseFixtures.dates(START.plusSeconds(3), 6, STEP));
        return concat(fixture, concat(notes, calls));
    }

    static List<Map<String, Object>> contacts() {
        List<Map<String, Object>> fixture = CloseFixtures.data("contact_list_page.json");
        return concat(fixture, CloseFixtures.derive(fixture.get(1), "cont_fake", "date_updated",
                CloseFixtures.dates(START, 5, STEP)));
    }

    static List<Map<String, Object>> users() {
        List<Map<String, Object>> fixture = CloseFixtures.data("user_list_page.json");
        return concat(fixture, CloseFixtures.derive(fixture.get(1), "user_fake", "date_updated",
                CloseFixtures.dates(START, 3, STEP)));
    }

    /** Serves the whole data set. */
    static FakeCloseServer install(FakeCloseServer server) {
        return server.list("lead/", leads())
                .list("opportunity/", opportunities())
                .list("activity/", activities())
                .list("contact/", contacts())
                .list("user/", users())
                .list("custom_field/lead/", CloseFixtures.data("custom_field_lead_list.json"))
                .list("custom_field/contact/", CloseFixtures.data("custom_field_contact_list.json"))
                .list("custom_field/opportunity/", CloseFixtures.data("custom_field_opportunity_list.json"))
                .list("custom_field/activity/", List.of())
                .list("custom_field/shared/", List.of(CloseFixtures.object("custom_field.json")));
    }

    private static List<Map<String, Object>> concat(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        List<Map<String, Object>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
