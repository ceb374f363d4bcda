/**
 * The connector testkit: {@link dev.tributary.testkit.ConnectorContract}, the JUnit 5 contract suite every connector
 * runs against itself, and the fakes it is built from, which connector tests use directly:
 * {@link dev.tributary.testkit.FakeConnectorContext}, {@link dev.tributary.testkit.RecordingBatches},
 * {@link dev.tributary.testkit.CountingRateLimiter}, {@link dev.tributary.testkit.FakeHttpServer} (a loopback HTTP
 * server on the JDK's own {@code com.sun.net.httpserver}) and {@link dev.tributary.testkit.RecordBuilder}; and
 * {@link dev.tributary.testkit.DestinationContract}, the suite every destination runs against itself; and
 * {@link dev.tributary.testkit.WebhookContract}, the suite of connectors that receive webhooks.
 *
 * <p>Everything runs offline and on the calling thread unless a type says otherwise.
 */
package dev.tributary.testkit;
