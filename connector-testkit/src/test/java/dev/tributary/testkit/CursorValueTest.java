package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorValueTest {

    private static final Instant NOON = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void readsIsoTextWithAnyOffsetAndEpochSecondsAsNumberOrDigits() {
        assertThat(CursorValue.parse("2024-03-01T12:00:00Z")).contains(NOON);
        assertThat(CursorValue.parse("2024-03-01T14:00:00+02:00")).contains(NOON);
        assertThat(CursorValue.parse(NOON.getEpochSecond())).contains(NOON);
        assertThat(CursorValue.parse(Long.toString(NOON.getEpochSecond()))).contains(NOON);
    }

    @Test
    void anythingElseIsAbsent() {
        assertThat(CursorValue.parse(null)).isEmpty();
        assertThat(CursorValue.parse("")).isEmpty();
        assertThat(CursorValue.parse("2024-03-01")).isEmpty();
        assertThat(CursorValue.parse("yesterday")).isEmpty();
        assertThat(CursorValue.parse(true)).isEmpty();
    }
}
