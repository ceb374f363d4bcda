package dev.tributary.runtime.plugin;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorMetadata;
import java.util.List;

/**
 * Loads the connector classes a plugin declares, creates one instance of each to read its metadata, and turns every
 * way this can go wrong into a {@link PluginFailure} naming the class and the plugin. All plugin code runs with the
 * plugin's class loader as context class loader. Stateless and thread-safe.
 */
final class ConnectorLoader {

    private static final ServiceClass<BaseConnector> CONNECTOR = new ServiceClass<>(BaseConnector.class,
            "connector class", "the service entry", PluginFailure.Kind.NOT_A_CONNECTOR,
            "extend " + BaseConnector.class.getName());

    /**
     * Loads every connector of {@code plugin} through {@code loader}.
     *
     * @throws BrokenPluginException listing a failure per connector class that cannot be used
     */
    List<ConnectorType> load(PluginDescriptor plugin, ClassLoader loader) throws BrokenPluginException {
        return ServiceClass.loadEach(plugin.connectorClassNames(), loader,
                className -> loadOne(plugin.location(), className, loader));
    }

    private static ConnectorType loadOne(PluginLocation location, String className, ClassLoader loader)
            throws BrokenPluginException {
        ServiceClass.Created<BaseConnector> created = CONNECTOR.create(location, className, loader);
        ConnectorMetadata metadata;
        try {
            metadata = created.instance().getMetadata();
            created.instance().close();
        } catch (RuntimeException e) {
            throw ServiceClass.fail(PluginFailure.Kind.INVALID_METADATA, location.path(), "getMetadata() of "
                    + className + " threw " + describe(e));
        } catch (LinkageError e) {
            throw CONNECTOR.linkage(location.path(), className, e);
        }
        if (metadata == null) {
            throw ServiceClass.fail(PluginFailure.Kind.INVALID_METADATA, location.path(), "getMetadata() of "
                    + className + " returned null");
        }
        Class<?> type = created.constructor().getDeclaringClass();
        boolean hasIcon = metadata.icon().map(type::getResource).isPresent();
        return new ConnectorType(created.constructor(), loader, new ConnectorInfo(metadata, location, hasIcon));
    }

    /** The exception's class and message, for a failure cause. */
    static String describe(Throwable error) {
        if (error == null) {
            return "an unknown error";
        }
        return error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
