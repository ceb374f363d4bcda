package dev.tributary.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Notices records a sink task never received: a partition's next record arriving more than one offset after the one
 * expected (one offset is a transaction marker). Such records were gone from the topic when the task read it —
 * deleted by the topic's retention or compaction (or aborted transactions) — and the consumer skipped to the next
 * record it still had, so they are not in the table although the committed offsets pass them. Not thread-safe:
 * used by the task's thread.
 */
final class OffsetGaps {

    private final Map<TopicPartition, Long> next = new HashMap<>();

    /** Expects {@code offset} next on {@code partition}, e.g. the offset stored with the rows. */
    void expect(TopicPartition partition, long offset) {
        next.put(partition, offset);
    }

    /** Forgets partitions the task no longer reads. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(next::remove);
    }

    /** Notes a received record; a warning naming the skipped offsets when records before it were missed. */
    Optional<String> received(String topic, int partition, long offset) {
        Long expected = next.put(new TopicPartition(topic, partition), offset + 1);
        if (expected == null || offset <= expected + 1) {
            return Optional.empty();
        }
        return Optional.of("topic " + topic + " partition " + partition + ": offsets " + expected + " to "
                + (offset - 1) + " (" + (offset - expected) + " records) were not in the topic when the sink read "
                + "it, so they are not in the table: deleted by the topic's retention or compaction, or aborted "
                + "transactions. A Tributary source with tributary.record.timestamp=cursor needs topics with "
                + "retention.ms=-1; re-sync the source (or reset its offsets) to write them");
    }
}
