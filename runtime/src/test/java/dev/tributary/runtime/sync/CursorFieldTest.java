package dev.tributary.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CursorFieldTest {

    @ParameterizedTest
    @CsvSource({
        "2013-02-01T00:54:51.331000+00:00, 2013-02-01T00:54:51.331Z",
        "2024-05-06T07:08:09Z, 2024-05-06T07:08:09Z",
        "2024-05-06T09:08:09+02:00, 2024-05-06T07:08:09Z",
        "1700000000, 2023-11-14T22:13:20Z",
        "1700000000.5, 2023-11-14T22:13:20.500Z"
    })
    void readsIsoTextAndEpochSecondsText(String value, String expected) {
        assertThat(CursorField.parse(value)).contains(Instant.parse(expected));
    }

    @Test
    void readsEpochSecondNumbers() {
        assertThat(CursorField.parse(1_700_000_000L)).contains(Instant.parse("2023-11-14T22:13:20Z"));
        assertThat(CursorField.parse(1.7e9)).contains(Instant.parse("2023-11-14T22:13:20Z"));
    }

    @Test
    void ignoresValuesThatAreNotTimestamps() {
        assertThat(CursorField.parse("yesterday")).isEmpty();
        assertThat(CursorField.parse(null)).isEmpty();
        assertThat(CursorField.parse(List.of(1))).isEmpty();
    }

    @Test
    void maxKeepsTheHighestOfCommittedAndNewValues() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("created", null);
        List<Map<String, Object>> records = List.of(Map.of("created", 1500), Map.of("created", 1200), withNull);

        assertThat(CursorField.max(Optional.of(Instant.ofEpochSecond(1000)), records, "created"))
                .contains(Instant.ofEpochSecond(1500));
        assertThat(CursorField.max(Optional.of(Instant.ofEpochSecond(2000)), records, "created"))
                .contains(Instant.ofEpochSecond(2000));
        assertThat(CursorField.max(Optional.empty(), List.of(withNull), "created")).isEmpty();
    }
}
