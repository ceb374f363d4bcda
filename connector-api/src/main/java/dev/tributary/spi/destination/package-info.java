/**
 * The destination SPI: what a plugin implements to receive synced records ({@link
 * dev.tributary.spi.destination.Destination}, found through {@link dev.tributary.spi.destination.DestinationProvider})
 * and the values the sync engine hands it. A destination owns the entity tables and the sync state, and writes each
 * batch together with its state in one transaction, which is what makes a sync resumable exactly once.
 *
 * <p>JDK only; evolves by addition like the rest of the SPI.
 */
package dev.tributary.spi.destination;
