/**
 * The sync engine: moves records from a connector into a {@link dev.tributary.spi.destination.Destination} exactly
 * once, resumably, through a bounded queue per entity, with the data source's token bucket, retries with backoff,
 * progress events and cancellation. {@link dev.tributary.runtime.sync.SyncEngine} is the entry point; the root
 * {@code Tributary} API wraps it for embedders.
 */
package dev.tributary.runtime.sync;
