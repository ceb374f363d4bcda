package dev.tributary.runtime.cli;

import java.util.Objects;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * Creates the command tree's objects with picocli's default factory and hands the options that read environment
 * variables ({@link PluginsOption}, {@link SourceInput}) the environment to read, so tests can run the CLI in-process
 * with an environment of their own.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final CommandLine.IFactory defaults = CommandLine.defaultFactory();
    private final UnaryOperator<String> environment;

    CommandFactory(UnaryOperator<String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        K created = defaults.create(type);
        if (created instanceof PluginsOption plugins) {
            plugins.environment = environment;
        } else if (created instanceof SourceInput input) {
            input.environment = environment;
        }
        return created;
    }
}
