/**
 * The built-in JDBC destination with its SQLite and PostgreSQL dialects, addressed by {@link
 * dev.tributary.runtime.destination.DestinationUrl}. Implementation package, not API for embedders: embedders pass a
 * destination URL to the root API, or any {@link dev.tributary.spi.destination.Destination}.
 */
package dev.tributary.runtime.destination;
