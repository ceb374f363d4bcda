package dev.tributary.runtime.plugin;

import dev.tributary.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Reads what a plugin declares — its connector service entry and the SPI version in its manifest — without loading
 * any class. Per jar it reads the zip directory, and for jars that declare connectors, the manifest and the service
 * entry; nothing else. Stateless and thread-safe.
 *
 * <p>A jar that declares connectors must record {@value SpiVersion#MANIFEST_ATTRIBUTE}: a plugin that does not say
 * which SPI it was built for is refused, because the runtime cannot tell whether it will link. Dependency jars in a
 * plugin folder (those without a service entry) need no such attribute.
 */
final class PluginInspector {

    private static final String BUNDLED_SPI_CLASS = "dev/tributary/spi/BaseConnector.class";

    /**
     * Reads the plugin's declaration.
     *
     * @throws BrokenPluginException listing every problem found in the plugin's jars
     */
    PluginDescriptor inspect(PluginLocation location) throws BrokenPluginException {
        if (location.jars().isEmpty()) {
            throw new BrokenPluginException(PluginFailure.of(PluginFailure.Kind.EMPTY_PLUGIN, location.path(),
                    "the plugin folder contains no jar"));
        }
        List<PluginFailure> failures = new ArrayList<>();
        Set<String> classNames = new LinkedHashSet<>();
        Set<String> destinationClassNames = new LinkedHashSet<>();
        Set<String> spiVersions = new LinkedHashSet<>();
        for (Path jar : location.jars()) {
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                if (file.getEntry(BUNDLED_SPI_CLASS) != null) {
                    failures.add(PluginFailure.of(PluginFailure.Kind.BUNDLES_SPI, jar,
                            "the jar contains the connector SPI itself (" + BUNDLED_SPI_CLASS + "); a plugin must "
                            + "use the runtime's SPI classes"));
                    continue;
                }
                ZipEntry connectors = file.getEntry(ServiceEntry.RESOURCE);
                ZipEntry destinations = file.getEntry(ServiceEntry.DESTINATION_RESOURCE);
                if (connectors == null && destinations == null) {
                    continue;
                }
                if (connectors != null) {
                    classNames.addAll(ServiceEntry.classNames(file.getInputStream(connectors)));
                }
                if (destinations != null) {
                    destinationClassNames.addAll(ServiceEntry.classNames(file.getInputStream(destinations)));
                }
                spiVersion(jar, file.getManifest(), failures).ifPresent(spiVersions::add);
            } catch (IOException | SecurityException e) {
                failures.add(PluginFailure.of(PluginFailure.Kind.CORRUPT_JAR, jar, unreadable(jar, e)));
            }
        }
        if (failures.isEmpty() && classNames.isEmpty() && destinationClassNames.isEmpty()) {
            failures.add(PluginFailure.of(PluginFailure.Kind.NO_SERVICE_ENTRY, location.path(),
                    location.jars().size() == 1 ? "the jar declares no connector and no destination (it has neither "
                            + ServiceEntry.RESOURCE + " nor " + ServiceEntry.DESTINATION_RESOURCE + ")"
                            : "none of the plugin's " + location.jars().size() + " jars declares a connector or a "
                            + "destination (none has " + ServiceEntry.RESOURCE + " or "
                            + ServiceEntry.DESTINATION_RESOURCE + ")"));
        }
        if (!failures.isEmpty()) {
            throw new BrokenPluginException(failures);
        }
        return new PluginDescriptor(location, List.copyOf(classNames), List.copyOf(destinationClassNames),
                spiVersions.stream().findFirst());
    }

    private static Optional<String> spiVersion(Path jar, Manifest manifest, List<PluginFailure> failures) {
        String version = manifest == null ? null
                : manifest.getMainAttributes().getValue(new Attributes.Name(SpiVersion.MANIFEST_ATTRIBUTE));
        if (version == null) {
            failures.add(PluginFailure.of(PluginFailure.Kind.MISSING_SPI_VERSION, jar,
                    "the jar declares connectors or destinations but its manifest has no " + SpiVersion.MANIFEST_ATTRIBUTE
                    + " attribute, so the runtime cannot tell which SPI it was built for"));
            return Optional.empty();
        }
        boolean compatible;
        try {
            compatible = SpiVersion.isCompatible(version);
        } catch (IllegalArgumentException e) {
            failures.add(PluginFailure.of(PluginFailure.Kind.INCOMPATIBLE_SPI_VERSION, jar,
                    "the manifest's " + SpiVersion.MANIFEST_ATTRIBUTE + " '" + version.trim()
                    + "' is not of the form major.minor"));
            return Optional.empty();
        }
        if (!compatible) {
            failures.add(PluginFailure.of(PluginFailure.Kind.INCOMPATIBLE_SPI_VERSION, jar,
                    "the plugin was built for connector SPI " + version.trim() + ", but this runtime implements SPI "
                    + SpiVersion.CURRENT + " (it runs plugins built for " + SpiVersion.major() + ".0 to "
                    + SpiVersion.CURRENT + ")"));
            return Optional.empty();
        }
        return Optional.of(version.trim());
    }

    private static String unreadable(Path jar, Exception e) {
        try {
            if (Files.size(jar) == 0) {
                return "the jar is empty (0 bytes)";
            }
        } catch (IOException ignored) {
            // Fall through to the zip error, which says more than a failed size check.
        }
        return "the file is not a readable jar (" + e.getMessage() + ")";
    }
}
