package dev.tributary.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void acceptsUnixCronInAZone() {
        assertThat(Schedule.of(" */15 * * * 1-5 ", "America/New_York"))
                .isEqualTo(new Schedule("*/15 * * * 1-5", ZoneId.of("America/New_York")));
        assertThat(Schedule.utc("0 0 * * *").zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void computesTheNextFiringInItsZone() {
        Schedule threeAmParis = Schedule.of("0 3 * * *", "Europe/Paris");

        assertThat(threeAmParis.nextAfter(Instant.parse("2026-07-01T00:30:00Z")))
                .contains(Instant.parse("2026-07-01T01:00:00Z"));
        assertThat(threeAmParis.nextAfter(Instant.parse("2026-07-01T01:00:00Z")))
                .contains(Instant.parse("2026-07-02T01:00:00Z"));
        assertThat(Schedule.utc("*/15 * * * *").nextAfter(Instant.parse("2026-01-01T10:07:00Z")))
                .contains(Instant.parse("2026-01-01T10:15:00Z"));
    }

    @Test
    void rejectsMalformedExpressionsAndUnknownZones() {
        assertThatThrownBy(() -> Schedule.utc("every hour")).hasMessageContaining("schedule 'every hour' is not a"
                + " Unix cron expression");
        assertThatThrownBy(() -> Schedule.utc("0 25 * * *")).hasMessageContaining("'0 25 * * *'");
        assertThatThrownBy(() -> Schedule.of("0 * * * *", "Mars/Olympus"))
                .hasMessageContaining("time zone 'Mars/Olympus' is unknown");
    }
}
