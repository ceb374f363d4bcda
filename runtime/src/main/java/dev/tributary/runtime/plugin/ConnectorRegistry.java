package dev.tributary.runtime.plugin;

import dev.tributary.spi.BaseConnector;
import java.util.List;
import java.util.Optional;

/**
 * The connectors available to a runtime, from every loaded plugin and the application class path.
 *
 * <p>The first call to any method loads the plugins' connector classes (reading their metadata); discovery itself
 * only reads jar manifests and service entries. With plugin watching on, the answers change as plugins are added
 * and removed; each call sees a consistent state. Implementations are thread-safe.
 */
public interface ConnectorRegistry {

    /** The available connectors, sorted by id; never null. Broken and duplicate plugins are left out. */
    List<ConnectorInfo> connectors();

    /** The connector with the given id, if available. */
    Optional<ConnectorInfo> connector(String id);

    /**
     * Creates a fresh, uninitialised connector instance. The instance runs in its plugin's class loader: every call
     * on it sets the thread context class loader to the plugin's. The caller initialises and closes it.
     *
     * @throws UnknownConnectorException when no available connector has this id
     * @throws PluginLoadException when the connector's constructor fails now although it worked at discovery
     */
    BaseConnector create(String id);

    /**
     * Reads the connector's icon (an SVG document), absent when the connector declares none or the resource is
     * missing.
     *
     * @throws UnknownConnectorException when no available connector has this id
     */
    Optional<byte[]> icon(String id);

    /** A report for every plugin found, loaded or failed, in discovery order; never null. */
    List<PluginReport> plugins();
}
