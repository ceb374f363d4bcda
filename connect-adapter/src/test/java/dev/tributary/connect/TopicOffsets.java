package dev.tributary.connect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** A topic's first and end offsets per partition, read with the admin client of an embedded cluster. */
final class TopicOffsets {

    private TopicOffsets() {
    }

    /** The end offset of each partition. */
    static Map<Integer, Long> latest(EmbeddedConnectCluster connect, String topic) {
        return offsets(connect, topic, OffsetSpec.latest());
    }

    /** The first offset still held of each partition: above 0 when the broker deleted records (retention). */
    static Map<Integer, Long> earliest(EmbeddedConnectCluster connect, String topic) {
        return offsets(connect, topic, OffsetSpec.earliest());
    }

    /** e.g. {@code bench.customers [0: 0..6712, 1: 0..6650, 2: 0..6638]}: first and end offsets. */
    static String describe(EmbeddedConnectCluster connect, String topic) {
        Map<Integer, Long> first = earliest(connect, topic);
        Map<Integer, Long> end = latest(connect, topic);
        StringBuilder text = new StringBuilder(topic).append(" [");
        end.forEach((partition, offset) -> text.append(text.charAt(text.length() - 1) == '[' ? "" : ", ")
                .append(partition).append(": ").append(first.get(partition)).append("..").append(offset));
        return text.append(']').toString();
    }

    private static Map<Integer, Long> offsets(EmbeddedConnectCluster connect, String topic, OffsetSpec spec) {
        try (Admin admin = connect.kafka().createAdminClient()) {
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
            Map<Integer, Long> offsets = new TreeMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> entry : admin.listOffsets(request).all().get()
                    .entrySet()) {
                offsets.put(entry.getKey().partition(), entry.getValue().offset());
            }
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + topic + ": " + e.getMessage(), e);
        }
    }
}
