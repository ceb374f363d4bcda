package dev.tributary.connect;

import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an entity's Tributary sync state to a Kafka Connect source offset and back. The source partition is
 * {@code {"entity": name}}; the offset holds the state's mode, whether the run finished, the connector's resume
 * position, the run's {@code since} and the highest cursor value, all as text (Connect offsets are JSON).
 */
final class SourceOffsets {

    private static final String ENTITY = "entity";
    private static final String MODE = "mode";
    private static final String FINISHED = "finished";
    private static final String POSITION = "position";
    private static final String SINCE = "since";
    private static final String MAX_CURSOR = "max_cursor";

    private SourceOffsets() {
    }

    /** The source partition of an entity. */
    static Map<String, Object> partition(String entity) {
        return Map.of(ENTITY, entity);
    }

    /** The offset carrying {@code state}. */
    static Map<String, Object> offset(SyncState state) {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(MODE, state.mode().name());
        offset.put(FINISHED, state.finished());
        state.position().ifPresent(position -> offset.put(POSITION, position));
        state.since().ifPresent(since -> offset.put(SINCE, since.toString()));
        state.maxCursor().ifPresent(cursor -> offset.put(MAX_CURSOR, cursor.toString()));
        return offset;
    }

    /**
     * The state an offset carries.
     *
     * @throws IllegalArgumentException when the offset was not written by this adapter
     */
    static SyncState state(Map<String, ?> offset) {
        Object mode = offset.get(MODE);
        if (mode == null) {
            throw new IllegalArgumentException("the stored source offset " + offset.keySet()
                    + " has no 'mode': it was not written by the Tributary source connector; reset the "
                    + "connector's offsets (DELETE /connectors/<name>/offsets while it is stopped)");
        }
        return new SyncState(SyncMode.valueOf(mode.toString()), Boolean.parseBoolean(String.valueOf(
                offset.get(FINISHED))), text(offset, POSITION), text(offset, SINCE).map(Instant::parse),
                text(offset, MAX_CURSOR).map(Instant::parse));
    }

    private static Optional<String> text(Map<String, ?> offset, String key) {
        return Optional.ofNullable(offset.get(key)).map(Object::toString);
    }
}
