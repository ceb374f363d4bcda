package dev.tributary.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Reads a server-sent events stream to its end over real HTTP, for tests. */
final class SseEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One event.
     *
     * @param name the event name
     * @param data its JSON data
     */
    record Event(String name, JsonNode data) {
    }

    /**
     * What the stream answered.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type header
     * @param events the events in order
     */
    record Answer(int status, String contentType, List<Event> events) {

        /** The events with this name. */
        List<JsonNode> named(String eventName) {
            return events.stream().filter(e -> e.name().equals(eventName)).map(Event::data).toList();
        }
    }

    private SseEvents() {
    }

    /** Opens the stream and collects every event until the server ends it. */
    static Answer read(ApiClient client, String path) {
        HttpResponse<Stream<String>> response = client.sendLines(client.request(path)
                .header("Accept", "text/event-stream").GET());
        List<Event> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, parse(data.toString())));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                }
            }
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), events);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("event data is not JSON: " + text, e);
        }
    }
}
