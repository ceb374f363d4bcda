/**
 * The destination SPI: what a plugin implements to receive synced records ({@link
 * dev.tributary.spi.destination.Destination}, found through {@link dev.tributary.spi.destination.DestinationProvider})
 * and the values the sync engine hands it. A destination owns the entity tables and the sync state, and writes each
 * batch together with its state in one transaction, which is what makes a sync resumable exactly once.
 *
 * <p>Since 1.1 a destination may write typed tables: it declares {@link
 * dev.tributary.spi.destination.DestinationMetadata#typedTables()}, and each batch then carries a {@link
 * dev.tributary.spi.destination.TypedWrite} with the schema changes and typed rows the runtime computed from the
 * entity's schema. A destination built against 1.0 keeps receiving records only.
 *
 * <p>JDK only; evolves by addition like the rest of the SPI.
 */
package dev.tributary.spi.destination;
