package dev.tributary.connector.rest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * One response of a resource: the parsed body, its headers, the URL it came from, and the records found in it.
 *
 * @param url the URL requested (relative next links resolve against it)
 * @param headers the response headers ({@code Link}, total-count headers)
 * @param body the parsed JSON body
 * @param records the records at the resource's {@code records} path, as objects
 */
record Page(HttpUrl url, Headers headers, Object body, List<Map<String, Object>> records) {

    Page {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
        records = List.copyOf(records);
    }
}
