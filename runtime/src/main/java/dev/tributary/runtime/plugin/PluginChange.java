package dev.tributary.runtime.plugin;

import java.util.Objects;

/**
 * A plugin that appeared in, changed in, or disappeared from a watched plugins folder.
 *
 * @param kind what happened
 * @param report the plugin's report after the change; for {@link Kind#REMOVED}, its last report
 */
public record PluginChange(Kind kind, PluginReport report) {

    /** What happened to the plugin. */
    public enum Kind {
        /** A new plugin was found and loaded (or failed to load; see the report's status). */
        ADDED,
        /** A plugin's files changed and it was reloaded. */
        RELOADED,
        /** The plugin was removed; its class loader is closed. */
        REMOVED
    }

    public PluginChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(report, "report");
    }
}
