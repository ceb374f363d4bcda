/**
 * The data-source store: data sources (their configuration sealed with
 * {@link dev.tributary.runtime.crypto.AesGcmConfigCipher}), sync runs with per-entity results, and the leases that
 * keep two syncs of one data source apart, in SQLite (the default, {@code $TRIBUTARY_HOME/tributary.db}) or
 * PostgreSQL. The schema is versioned by {@link dev.tributary.runtime.store.SchemaMigrations}. Implementation
 * package, not API for embedders.
 */
package dev.tributary.runtime.store;
