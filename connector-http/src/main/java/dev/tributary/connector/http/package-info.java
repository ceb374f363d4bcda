/**
 * A small toolkit for connectors that speak JSON over HTTP: {@link dev.tributary.connector.http.JsonHttpClient}
 * (OkHttp + Jackson) which goes through the data source's rate limiter before every request, honours cancellation,
 * parses bodies into JSON-compatible maps and lists, reads rate-limit headers, and turns failures into the SPI's
 * exception kinds so the runtime can retry them. It never retries itself.
 *
 * <p>This package is bundled inside each plugin jar (shaded or copied with the plugin's other dependencies), never
 * shared through the SPI, so two plugins may carry different versions of it.
 */
package dev.tributary.connector.http;
