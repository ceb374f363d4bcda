package dev.tributary.runtime.plugin;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown in strict mode when any plugin is broken, listing every failure; and when a connector that loaded at
 * discovery cannot be created later.
 */
public final class PluginLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<PluginFailure> failures;

    /** @param failures every failure found; never empty */
    public PluginLoadException(List<PluginFailure> failures) {
        super(failures.size() + " plugin problem(s):" + failures.stream().map(f -> "\n  " + f.message())
                .collect(Collectors.joining()));
        this.failures = List.copyOf(failures);
    }

    /** The failures, in discovery order. */
    public List<PluginFailure> failures() {
        return failures;
    }
}
