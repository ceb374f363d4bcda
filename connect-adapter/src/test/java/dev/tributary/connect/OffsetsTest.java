package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OffsetsTest {

    @Test
    void aSourceOffsetCarriesTheWholeSyncStateAndBack() {
        SyncState state = new SyncState(SyncMode.INCREMENTAL, false, Optional.of("{\"page\":\"cus_9\"}"),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.of(Instant.parse("2026-02-01T10:00:00Z")));
        assertThat(SourceOffsets.state(SourceOffsets.offset(state))).isEqualTo(state);
        SyncState started = SyncState.started(SyncMode.FULL_REFRESH, Optional.empty(), Optional.empty());
        assertThat(SourceOffsets.state(SourceOffsets.offset(started))).isEqualTo(started);
        assertThat(SourceOffsets.state(SourceOffsets.offset(state.asFinished())).finished()).isTrue();
    }

    @Test
    void anOffsetWrittenBySomethingElseIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> SourceOffsets.state(Map.of("position", 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reset the connector's offsets");
    }

    @Test
    void partitionOffsetsMergeThisTasksPartitionsIntoTheStoredPosition() {
        PartitionOffsets stored = PartitionOffsets.read("t", Optional.empty()).merge(Map.of(0, 10L, 1, 5L));
        PartitionOffsets mine = PartitionOffsets.read("t", Optional.of(stored.position())).merge(Map.of(1, 8L));
        PartitionOffsets read = PartitionOffsets.read("t", Optional.of(mine.position()));
        assertThat(read.next(0)).contains(10L);
        assertThat(read.next(1)).contains(8L);
        assertThat(read.next(2)).isEmpty();
    }

    @Test
    void aPositionOfAnotherTopicOrNotWrittenByTheSinkHoldsNoOffsets() {
        String other = PartitionOffsets.read("a", Optional.empty()).merge(Map.of(0, 3L)).position();
        assertThat(PartitionOffsets.read("b", Optional.of(other)).next(0)).isEmpty();
        assertThat(PartitionOffsets.read("b", Optional.of("250")).next(0)).isEmpty();
    }
}
