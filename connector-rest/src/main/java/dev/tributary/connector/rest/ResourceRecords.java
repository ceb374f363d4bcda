package dev.tributary.connector.rest;

import dev.tributary.connector.http.JsonCodec;
import dev.tributary.connector.http.JsonResponse;
import dev.tributary.spi.error.PermanentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Takes the records out of a response body at the resource's {@code records} path, checking their shape. */
final class ResourceRecords {

    private ResourceRecords() {
    }

    static List<Map<String, Object>> of(Resource resource, JsonResponse response) {
        if (response.body() == null) {
            throw new PermanentException("resource '" + resource.name() + "': " + response.request()
                    + " answered with an empty body; expected JSON with the records at '" + resource.records() + "'");
        }
        Object found = resource.records().resolve(response.body()).orElse(null);
        if (!(found instanceof List<?> items)) {
            throw new PermanentException("resource '" + resource.name() + "': " + response.request() + ": records "
                    + "path '" + resource.records() + "' holds " + JsonCodec.describe(found) + ", not an array; "
                    + "check \"records\" (the body is " + JsonCodec.describe(response.body()) + ")");
        }
        List<Map<String, Object>> records = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new PermanentException("resource '" + resource.name() + "': an element at '"
                        + resource.records() + "' is " + JsonCodec.describe(item) + ", not an object");
            }
            Map<String, Object> record = new LinkedHashMap<>();
            map.forEach((key, value) -> record.put(String.valueOf(key), value));
            records.add(record);
        }
        return records;
    }
}
