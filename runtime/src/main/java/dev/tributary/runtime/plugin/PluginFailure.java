package dev.tributary.runtime.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why a plugin, or one connector in it, could not be used: the kind of problem, the file at fault, the cause in plain
 * language, and a hint on what to do.
 *
 * @param kind the kind of problem
 * @param path the plugin (or the jar inside it) at fault
 * @param cause what is wrong, in plain language, naming the class or attribute involved
 * @param hint what to do about it
 */
public record PluginFailure(Kind kind, Path path, String cause, String hint) {

    /** The kinds of broken plugin the runtime recognises, each with a default hint. */
    public enum Kind {
        /** A jar that cannot be read as a zip file (truncated, not a jar, zero bytes). */
        CORRUPT_JAR("replace the file with a complete copy of the plugin jar"),
        /** A plugin folder without any jar in it. */
        EMPTY_PLUGIN("put the connector jar and its dependency jars into the folder, or remove the folder"),
        /** No jar declares {@code META-INF/services/dev.tributary.spi.BaseConnector}. */
        NO_SERVICE_ENTRY("list the connector class in META-INF/services/dev.tributary.spi.BaseConnector, or the "
                + "destination provider class in META-INF/services/dev.tributary.spi.destination.DestinationProvider"),
        /** The service entry names a class the plugin does not contain. */
        SERVICE_CLASS_NOT_FOUND("fix the class name in META-INF/services/dev.tributary.spi.BaseConnector"),
        /** The service entry names a class that does not extend {@code BaseConnector}. */
        NOT_A_CONNECTOR("make the class extend dev.tributary.spi.BaseConnector"),
        /** The connector class has no public no-arg constructor (or is abstract or not public). */
        NO_PUBLIC_CONSTRUCTOR("give the connector class a public constructor without parameters"),
        /** The connector's static initialiser or constructor threw. */
        INITIALIZATION_FAILED("the connector failed while being created; see the cause and fix or update the plugin"),
        /** A class the connector needs is in none of the plugin's jars. */
        MISSING_DEPENDENCY("bundle the library containing the missing class: put its jar next to the connector jar "
                + "in the plugin folder, or build a fat jar"),
        /** {@code getMetadata()} threw or returned invalid metadata. */
        INVALID_METADATA("fix the connector's getMetadata(); it must be cheap, constant and valid"),
        /** The manifest lacks {@code Tributary-Spi-Version}. */
        MISSING_SPI_VERSION("rebuild the plugin so its jar manifest records the SPI version it was compiled against, "
                + "e.g. 'Tributary-Spi-Version: 1.0' (the Tributary parent POM adds it)"),
        /** The plugin was built for an SPI version this runtime cannot run. */
        INCOMPATIBLE_SPI_VERSION("use a plugin release built for this runtime's SPI, or a runtime that supports "
                + "the plugin's SPI version"),
        /** The plugin bundles the SPI classes ({@code dev/tributary/spi/}) itself. */
        BUNDLES_SPI("declare connector-api with scope 'provided' so its classes are not packaged with the plugin"),
        /** Another plugin earlier in discovery order provides a connector with the same id. */
        DUPLICATE_CONNECTOR_ID("remove one of the copies; only the first in discovery order is used"),
        /** The destination service entry names a class that does not implement {@code DestinationProvider}. */
        NOT_A_DESTINATION("make the class implement dev.tributary.spi.destination.DestinationProvider"),
        /** Another plugin earlier in discovery order provides a destination with the same id. */
        DUPLICATE_DESTINATION_ID("remove one of the copies; only the first in discovery order is used");

        private final String defaultHint;

        Kind(String defaultHint) {
            this.defaultHint = defaultHint;
        }

        /** The hint given for this kind unless a more specific one applies. */
        public String defaultHint() {
            return defaultHint;
        }
    }

    public PluginFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(hint, "hint");
    }

    /** A failure with the kind's default hint. */
    public static PluginFailure of(Kind kind, Path path, String cause) {
        return new PluginFailure(kind, path, cause, kind.defaultHint());
    }

    /** One line: path, cause and hint. */
    public String message() {
        return path + ": " + cause + " (" + hint + ")";
    }

    @Override
    public String toString() {
        return kind + " " + message();
    }
}
