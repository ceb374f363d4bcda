package dev.tributary.spi;

/**
 * The version of this SPI, recorded by every plugin at build time so the runtime can refuse a plugin built for an
 * incompatible major version.
 *
 * <p>A plugin records the version it was compiled against in its jar manifest under {@link #MANIFEST_ATTRIBUTE}
 * (the parent POM and the plugin packaging do this for you). The runtime loads a plugin when the plugin's major
 * version equals {@link #major()} and its minor version is at most the runtime's: within a major the SPI only
 * grows, so a plugin built against {@code 1.0} runs on a {@code 1.3} runtime, but not the other way round.
 *
 * @since 1.0
 */
public final class SpiVersion {

    /** The SPI version this jar implements, {@code major.minor}. */
    public static final String CURRENT = "1.1";

    /** The jar manifest attribute in which a plugin records the SPI version it was built against. */
    public static final String MANIFEST_ATTRIBUTE = "Tributary-Spi-Version";

    private SpiVersion() {
    }

    /** Returns the major part of {@link #CURRENT}. */
    public static int major() {
        return parse(CURRENT)[0];
    }

    /** Returns the minor part of {@link #CURRENT}. */
    public static int minor() {
        return parse(CURRENT)[1];
    }

    /**
     * Tells whether a plugin built against {@code pluginVersion} can run on this SPI.
     *
     * @param pluginVersion a {@code major.minor} version, e.g. {@code "1.0"}
     * @return true when the majors are equal and the plugin's minor is not newer than ours
     * @throws IllegalArgumentException when {@code pluginVersion} is not of the form {@code major.minor}
     */
    public static boolean isCompatible(String pluginVersion) {
        int[] plugin = parse(pluginVersion);
        return plugin[0] == major() && plugin[1] <= minor();
    }

    /**
     * Parses a {@code major.minor} version.
     *
     * @throws IllegalArgumentException naming the value when it is not two dot-separated non-negative integers
     */
    public static int[] parse(String version) {
        String[] parts = version == null ? new String[0] : version.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("SPI version '" + version + "' is not of the form major.minor");
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            if (major < 0 || minor < 0) {
                throw new NumberFormatException();
            }
            return new int[] {major, minor};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SPI version '" + version + "' is not of the form major.minor", e);
        }
    }
}
