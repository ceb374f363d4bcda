package dev.tributary.runtime.source;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorMetadata;

/**
 * What {@link StoredSources} needs from the plugin registry: a connector's metadata and fresh instances.
 * Implementations are thread-safe.
 */
public interface ConnectorCatalog {

    /**
     * The metadata of the connector with this id.
     *
     * @throws RuntimeException naming the id when no such connector is installed
     */
    ConnectorMetadata metadata(String connectorId);

    /**
     * A fresh, uninitialised instance of the connector; the caller initialises and closes it.
     *
     * @throws RuntimeException naming the id when no such connector is installed
     */
    BaseConnector create(String connectorId);
}
