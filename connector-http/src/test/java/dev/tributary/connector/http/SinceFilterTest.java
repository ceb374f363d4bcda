package dev.tributary.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SinceFilterTest {

    private final SinceFilter filter = new SinceFilter("edited", Instant.parse("2015-01-01T00:00:00Z"));

    private static Map<String, Object> record(Object edited) {
        Map<String, Object> record = new HashMap<>();
        record.put("id", "1");
        record.put("edited", edited);
        return record;
    }

    @ParameterizedTest
    @CsvSource({
            "2014-12-31T23:59:59.999Z, false",
            "2015-01-01T00:00:00Z, true",
            "2015-01-01T01:00:00+02:00, false",
            "2015-01-01T01:00:00+01:00, true",
            "2015-01-01, true",
            "2014-12-31, false"})
    void comparesIso8601TextInclusively(String edited, boolean kept) {
        assertThat(filter.keeps(record(edited))).isEqualTo(kept);
    }

    @Test
    void readsEpochSecondsIncludingFractions() {
        assertThat(SinceFilter.cursorValue(1420070400)).contains(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(SinceFilter.cursorValue(new BigDecimal("1420070399.5")))
                .contains(Instant.parse("2014-12-31T23:59:59.500Z"));
        assertThat(filter.keeps(record(1420070399L))).isFalse();
    }

    @Test
    void keepsRecordsWhoseCursorValueIsMissingOrUnreadable() {
        assertThat(filter.keeps(record(null))).isTrue();
        assertThat(filter.keeps(record("last tuesday"))).isTrue();
        assertThat(filter.unreadable(record("last tuesday"))).isTrue();
        assertThat(SinceFilter.cursorValue(Map.of())).isEqualTo(Optional.empty());
    }
}
