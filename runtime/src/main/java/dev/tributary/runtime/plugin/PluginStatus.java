package dev.tributary.runtime.plugin;

/** Whether a plugin's connectors are available. */
public enum PluginStatus {
    /** Every connector of the plugin loaded and is available. */
    LOADED,
    /** The plugin, or a connector in it, is broken; its connectors are skipped. */
    FAILED
}
