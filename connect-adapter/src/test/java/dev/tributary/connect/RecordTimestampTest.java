package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RecordTimestampTest {

    private static final Instant SYNCED = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:01Z");

    @Test
    void recordsCarryTheirSyncTimeByDefaultSoOldRecordsOutliveTheTopicsRetention() {
        RecordTimestamp choice = RecordTimestamp.of(Map.of());
        assertThat(choice).isEqualTo(RecordTimestamp.SYNCED);
        assertThat(choice.of(SYNCED, Optional.of(CREATED))).isEqualTo(SYNCED.toEpochMilli());
    }

    @Test
    void cursorGivesTheRecordsCursorTimeAndNoneWithoutOne() {
        RecordTimestamp choice = RecordTimestamp.of(Map.of(RecordTimestamp.PROPERTY, " Cursor "));
        assertThat(choice.of(SYNCED, Optional.of(CREATED))).isEqualTo(CREATED.toEpochMilli());
        assertThat(choice.of(SYNCED, Optional.empty())).isNull();
    }

    @Test
    void anUnknownChoiceIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> RecordTimestamp.of(Map.of(RecordTimestamp.PROPERTY, "created")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RecordTimestamp.PROPERTY).hasMessageContaining("'synced' or 'cursor'");
        assertThat(SourceConfig.baseDefinition().validate(Map.of(RecordTimestamp.PROPERTY, "created")).stream()
                .filter(value -> value.name().equals(RecordTimestamp.PROPERTY))
                .flatMap(value -> value.errorMessages().stream())).isNotEmpty();
    }
}
