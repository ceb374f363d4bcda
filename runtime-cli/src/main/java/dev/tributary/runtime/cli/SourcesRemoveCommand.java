package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary sources remove NAME}: deletes the data source; its run history and synced tables stay. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a data source.")
final class SourcesRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Parameters(paramLabel = "NAME", description = "The data source's name.")
    String name;

    @Override
    public Integer call() {
        try (Tributary tributary = options.open()) {
            tributary.removeSource(name);
        }
        if (options.json.enabled) {
            JsonOption.print(spec.commandLine().getOut(), Map.of("removed", name));
        } else {
            spec.commandLine().getOut().println("Removed data source " + name + ". Its tables and run history stay.");
        }
        return CommandLine.ExitCode.OK;
    }
}
