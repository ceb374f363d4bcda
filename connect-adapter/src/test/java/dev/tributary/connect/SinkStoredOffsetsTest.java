package dev.tributary.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka offsets the sink stores with the rows (real SQLite): a position another task's write left behind is
 * stored again at the next offset commit, for the partitions this task still owns only.
 */
class SinkStoredOffsetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicPartition P0 = new TopicPartition("t.items", 0);
    private static final TopicPartition P1 = new TopicPartition("t.items", 1);

    @TempDir
    Path folder;

    @Test
    void aPositionAnotherTaskLeftBehindIsStoredAgainAtTheNextCommit() throws Exception {
        Path file = folder.resolve("offsets.db");
        TributarySinkTask task = task(file);
        try {
            task.open(Set.of(P0, P1));
            task.put(List.of(record(0, 0, "a"), record(0, 1, "b"), record(1, 0, "c")));
            assertThat(position(file)).isEqualTo(JSON.readTree("{\"0\":2,\"1\":1}"));

            // What a second task writing partition 1 of the same table stores when it read the position before ours.
            setPosition(file, "{\"0\":1,\"1\":1}");
            task.preCommit(Map.of());
            assertThat(position(file)).as("partition 0 put back").isEqualTo(JSON.readTree("{\"0\":2,\"1\":1}"));
            task.preCommit(Map.of());
            assertThat(position(file)).isEqualTo(JSON.readTree("{\"0\":2,\"1\":1}"));
            assertThat(count(file, "SELECT COUNT(*) FROM t_items")).as("no rows written by the repair").isEqualTo(3);

            // Once partition 0 is revoked, its new owner stores it: this task no longer touches it.
            task.close(Set.of(P0));
            setPosition(file, "{\"0\":1,\"1\":1}");
            task.preCommit(Map.of());
            assertThat(position(file)).isEqualTo(JSON.readTree("{\"0\":1,\"1\":1}"));
        } finally {
            task.stop();
        }
    }

    @Test
    void aTaskThatWroteNothingStoresNothing() throws Exception {
        Path file = folder.resolve("idle.db");
        TributarySinkTask writer = task(file);
        try {
            writer.open(Set.of(P0));
            writer.put(List.of(record(0, 0, "a")));
        } finally {
            writer.stop();
        }
        setPosition(file, "{\"0\":0}");
        TributarySinkTask idle = task(file);
        try {
            idle.open(Set.of(P1));
            idle.put(List.of());
            idle.preCommit(Map.of());
        } finally {
            idle.stop();
        }
        assertThat(position(file)).isEqualTo(JSON.readTree("{\"0\":0}"));
    }

    private static TributarySinkTask task(Path file) {
        TributarySinkTask task = new TributarySinkTask();
        task.initialize(new QuietSinkTaskContext());
        Map<String, String> props = new HashMap<>();
        props.put("name", "warehouse");
        props.put("topic.prefix", "t");
        props.put(SinkConfig.DESTINATION_URL, "jdbc:sqlite:" + file);
        task.start(props);
        return task;
    }

    private static SinkRecord record(int partition, long offset, String id) {
        return new SinkRecord("t.items", partition, null, Map.of("id", id), null, Map.of("id", id, "n", 1), offset);
    }

    /** The stored partitions of table {@code t_items}: partition to next offset. */
    private static JsonNode position(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT position FROM _tributary_state WHERE prefix = 't' AND entity = 'items'")) {
            assertThat(result.next()).isTrue();
            return JSON.readTree(result.getString(1)).at("/kafka/partitions");
        }
    }

    private static void setPosition(Path file, String partitions) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE _tributary_state SET position = ? WHERE prefix = 't' AND entity = 'items'")) {
            statement.setString(1, "{\"kafka\":{\"topic\":\"t.items\",\"partitions\":" + partitions + "}}");
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static long count(Path file, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            return result.next() ? result.getLong(1) : -1;
        }
    }
}
