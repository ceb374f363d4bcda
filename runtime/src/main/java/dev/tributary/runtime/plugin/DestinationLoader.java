package dev.tributary.runtime.plugin;

import dev.tributary.spi.destination.DestinationMetadata;
import dev.tributary.spi.destination.DestinationProvider;
import java.util.List;

/**
 * Loads the destination providers a plugin declares, creates one instance of each and reads its metadata, turning
 * every way this can go wrong into a {@link PluginFailure} naming the class and the plugin — the same kinds and
 * hints as for connectors. All plugin code runs with the plugin's class loader as context class loader. Stateless
 * and thread-safe.
 */
final class DestinationLoader {

    private static final ServiceClass<DestinationProvider> DESTINATION = new ServiceClass<>(
            DestinationProvider.class, "destination provider class", "the destination service entry",
            PluginFailure.Kind.NOT_A_DESTINATION, "implement " + DestinationProvider.class.getName());

    /**
     * Loads every destination provider of {@code plugin} through {@code loader}.
     *
     * @throws BrokenPluginException listing a failure per provider class that cannot be used
     */
    List<DestinationType> load(PluginDescriptor plugin, ClassLoader loader) throws BrokenPluginException {
        return ServiceClass.loadEach(plugin.destinationClassNames(), loader,
                className -> loadOne(plugin.location(), className, loader));
    }

    private static DestinationType loadOne(PluginLocation location, String className, ClassLoader loader)
            throws BrokenPluginException {
        DestinationProvider instance = DESTINATION.create(location, className, loader).instance();
        DestinationMetadata metadata;
        try {
            metadata = instance.metadata();
        } catch (RuntimeException e) {
            throw ServiceClass.fail(PluginFailure.Kind.INVALID_METADATA, location.path(), "metadata() of "
                    + className + " threw " + ConnectorLoader.describe(e));
        } catch (LinkageError e) {
            throw DESTINATION.linkage(location.path(), className, e);
        }
        if (metadata == null) {
            throw ServiceClass.fail(PluginFailure.Kind.INVALID_METADATA, location.path(), "metadata() of "
                    + className + " returned null");
        }
        return new DestinationType(new IsolatedDestinationProvider(instance, loader, location), className, metadata,
                location);
    }
}
