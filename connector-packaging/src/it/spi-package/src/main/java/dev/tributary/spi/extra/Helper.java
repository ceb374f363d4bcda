package dev.tributary.spi.extra;

/** A plugin class in the SPI's package: never loaded from the plugin, so the build refuses it. */
public final class Helper {
    private Helper() {
    }
}
