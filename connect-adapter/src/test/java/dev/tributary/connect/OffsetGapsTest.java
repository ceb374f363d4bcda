package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetGapsTest {

    @Test
    void consecutiveOffsetsAndTransactionMarkersAreNoGap() {
        OffsetGaps gaps = new OffsetGaps();
        assertThat(gaps.received("t", 0, 40)).isEmpty();
        assertThat(gaps.received("t", 0, 41)).isEmpty();
        assertThat(gaps.received("t", 0, 43)).as("offset 42 is a transaction's commit marker").isEmpty();
        assertThat(gaps.received("t", 0, 43)).as("a record delivered again").isEmpty();
    }

    @Test
    void recordsDeletedBeforeTheSinkReadThemAreNamed() {
        OffsetGaps gaps = new OffsetGaps();
        gaps.received("t", 1, 9);
        assertThat(gaps.received("t", 1, 1_690)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("topic t partition 1: offsets 10 to 1689 (1680 records)").contains("retention"));
        assertThat(gaps.received("t", 1, 1_691)).isEmpty();
        assertThat(gaps.received("t", 2, 500)).as("the first record seen of another partition").isEmpty();
    }

    @Test
    void theStoredOffsetIsExpectedFirstUntilThePartitionIsForgotten() {
        OffsetGaps gaps = new OffsetGaps();
        TopicPartition partition = new TopicPartition("t", 0);
        gaps.expect(partition, 100);
        assertThat(gaps.received("t", 0, 250)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("offsets 100 to 249 (150 records)"));
        gaps.forget(List.of(partition));
        assertThat(gaps.received("t", 0, 900)).isEmpty();
    }
}
