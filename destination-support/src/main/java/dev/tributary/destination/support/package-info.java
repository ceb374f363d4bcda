/**
 * Building blocks of a JDBC destination, shared by the runtime's SQLite and PostgreSQL destination and by the DuckDB
 * destination plugin, which bundles its own copy of this jar: the {@code _tributary_state}, {@code _tributary_schema}
 * and event tables, the text of primary keys, and the merging of typed layouts. Database differences are a
 * {@link dev.tributary.destination.support.MetadataDialect}. Depends on the connector SPI and the JDK only. A
 * third-party JDBC destination may bundle it too, but it is unstable: it follows the runtime's needs and may change
 * in any release (docs/destinations.md).
 */
package dev.tributary.destination.support;
