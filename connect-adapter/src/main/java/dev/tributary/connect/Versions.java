package dev.tributary.connect;

/** The adapter's version, from its jar manifest (the Maven project version). */
final class Versions {

    private Versions() {
    }

    /** The version, or {@code "dev"} when not running from a packaged jar. */
    static String adapter() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
