package dev.tributary.runtime.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration failed validation; {@link #problems()} names every field at fault. Messages hold no values. */
public final class ConfigValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigValidationException(String connectorId, List<ConfigProblem> problems) {
        super("invalid configuration for connector '" + connectorId + "': "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in schema order; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
