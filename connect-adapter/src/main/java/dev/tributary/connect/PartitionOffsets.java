package dev.tributary.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kafka offsets a sink has committed into one table, stored as the table's Tributary sync-state position:
 * {@code {"kafka":{"topic":"t","partitions":{"0":42}}}}, each the offset of the next record to read.
 */
final class PartitionOffsets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final TreeMap<Integer, Long> next;

    private PartitionOffsets(String topic, TreeMap<Integer, Long> next) {
        this.topic = topic;
        this.next = next;
    }

    /** The offsets a stored position holds for {@code topic}; none when the position is absent or another's. */
    static PartitionOffsets read(String topic, Optional<String> position) {
        TreeMap<Integer, Long> next = new TreeMap<>();
        if (position.isPresent()) {
            try {
                Map<?, ?> root = JSON.readValue(position.get(), Map.class);
                if (root.get("kafka") instanceof Map<?, ?> kafka && topic.equals(kafka.get("topic"))
                        && kafka.get("partitions") instanceof Map<?, ?> partitions) {
                    partitions.forEach((partition, offset) -> next.put(Integer.valueOf(partition.toString()),
                            ((Number) offset).longValue()));
                }
            } catch (JsonProcessingException | RuntimeException e) {
                // a position written by something else: no stored offsets
            }
        }
        return new PartitionOffsets(topic, next);
    }

    /** The offset to resume a partition from. */
    Optional<Long> next(int partition) {
        return Optional.ofNullable(next.get(partition));
    }

    /** These offsets with every partition of {@code mine} taken from it. */
    PartitionOffsets merge(Map<Integer, Long> mine) {
        TreeMap<Integer, Long> copy = new TreeMap<>(next);
        copy.putAll(mine);
        return new PartitionOffsets(topic, copy);
    }

    /** The position text. */
    String position() {
        try {
            return JSON.writeValueAsString(Map.of("kafka", Map.of("topic", topic, "partitions", next)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
