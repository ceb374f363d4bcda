/**
 * Benchmarks of the sync engine against a loopback HTTP server: end-to-end throughput into SQLite and PostgreSQL
 * beside the fetch and insert stages alone, heap use, and the achieved request rate under a server-side limit. Run on
 * demand ({@code bench/run.sh}); not part of the build's tests.
 */
package dev.tributary.bench;
