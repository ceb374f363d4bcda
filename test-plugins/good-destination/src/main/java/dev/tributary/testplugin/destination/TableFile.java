package dev.tributary.testplugin.destination;

import dev.tributary.spi.destination.SyncMode;
import dev.tributary.spi.destination.SyncState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A table's rows by primary key and the sync state committed with them. */
record TableFile(SyncState state, Map<String, Map<String, Object>> rows) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> stateJson = new LinkedHashMap<>();
        stateJson.put("mode", state.mode().name());
        stateJson.put("finished", state.finished());
        stateJson.put("position", state.position().orElse(null));
        stateJson.put("since", state.since().map(Instant::toString).orElse(null));
        stateJson.put("maxCursor", state.maxCursor().map(Instant::toString).orElse(null));
        json.put("state", stateJson);
        json.put("rows", rows);
        return json;
    }

    @SuppressWarnings("unchecked")
    static TableFile fromJson(Map<String, Object> json) {
        Map<String, Object> stateJson = (Map<String, Object>) json.get("state");
        SyncState state = new SyncState(SyncMode.valueOf((String) stateJson.get("mode")),
                (Boolean) stateJson.get("finished"), Optional.ofNullable((String) stateJson.get("position")),
                instant(stateJson.get("since")), instant(stateJson.get("maxCursor")));
        return new TableFile(state, new LinkedHashMap<>((Map<String, Map<String, Object>>) json.get("rows")));
    }

    private static Optional<Instant> instant(Object value) {
        return Optional.ofNullable((String) value).map(Instant::parse);
    }
}
