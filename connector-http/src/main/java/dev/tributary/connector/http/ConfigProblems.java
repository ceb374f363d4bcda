package dev.tributary.connector.http;

import dev.tributary.spi.error.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found in a configuration so that a user sees all of them at once, not one per attempt.
 * Shared by the graphql and rest connectors. Not thread-safe; one instance per validation.
 */
public final class ConfigProblems {

    /** Creates an empty collection of problems. */
    public ConfigProblems() {
    }

    private record Problem(String field, String message) {
    }

    private final List<Problem> problems = new ArrayList<>();

    /**
     * Records a problem.
     *
     * @param field the config field at fault, e.g. {@code queries[1].query} or {@code resources[1].paginator.cursor_param}
     * @param message what is wrong and what to do, never containing a secret value
     */
    public void add(String field, String message) {
        problems.add(new Problem(field, message));
    }

    /** Whether no problem was recorded. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * Throws when a problem was recorded: an {@link InvalidConfigException} naming the first field, whose message
     * lists every problem, and which carries one suppressed {@link InvalidConfigException} per further problem.
     */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        Problem first = problems.get(0);
        StringBuilder message = new StringBuilder(first.message());
        if (problems.size() > 1) {
            message.append(" (").append(problems.size() - 1).append(" more problem")
                    .append(problems.size() > 2 ? "s" : "").append(':');
            for (Problem other : problems.subList(1, problems.size())) {
                message.append("\n  config field '").append(other.field()).append("': ").append(other.message());
            }
            message.append(')');
        }
        InvalidConfigException exception = new InvalidConfigException(first.field(), message.toString());
        for (Problem other : problems.subList(1, problems.size())) {
            exception.addSuppressed(new InvalidConfigException(other.field(), other.message()));
        }
        throw exception;
    }
}
