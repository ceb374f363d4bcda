/**
 * The declarative REST connector {@code rest}: any JSON API synced from a configuration document. Internal; the
 * public surface is {@link dev.tributary.connector.rest.RestConnector} through the SPI.
 */
package dev.tributary.connector.rest;
