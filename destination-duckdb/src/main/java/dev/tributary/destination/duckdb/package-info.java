/**
 * The {@code duckdb} destination plugin: writes synced records into a DuckDB database file through the DuckDB JDBC
 * driver it bundles, one table per entity plus {@code _tributary_state}, with the same layout and guarantees as the
 * runtime's SQLite and PostgreSQL destinations. Not API: only the service entry is used.
 */
package dev.tributary.destination.duckdb;
