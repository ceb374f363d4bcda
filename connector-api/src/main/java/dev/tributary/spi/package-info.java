/**
 * The connector SPI: what a third-party author implements ({@link dev.tributary.spi.BaseConnector}) and the
 * values exchanged with the runtime ({@link dev.tributary.spi.ConnectorMetadata},
 * {@link dev.tributary.spi.FetchOptions}, {@link dev.tributary.spi.Batch}, ...).
 *
 * <p>Everything here is JDK-only and evolves by addition within a major {@link dev.tributary.spi.SpiVersion}.
 * Nothing accepts or returns {@code null} unless a method says so; absence is {@link java.util.Optional},
 * "none" is an empty collection. The only place {@code null} is data is inside records, where it is a JSON null.
 */
package dev.tributary.spi;
