package dev.tributary.runtime.plugin;

import java.util.List;

/** Signals, inside discovery, that a plugin cannot be used; carries every failure found. Never escapes the package. */
final class BrokenPluginException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<PluginFailure> failures;

    BrokenPluginException(List<PluginFailure> failures) {
        super(failures.toString(), null, false, false);
        this.failures = List.copyOf(failures);
    }

    BrokenPluginException(PluginFailure failure) {
        this(List.of(failure));
    }

    List<PluginFailure> failures() {
        return failures;
    }
}
