package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.DataSourceChanges;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary sources update NAME ...}: changes the given parts only. Configuration keys not given keep their
 * values, secrets included; {@code --config KEY=} removes a key. {@code --destination} replaces the target list.
 */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Change a data source.")
final class SourcesUpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Mixin
    SourceInput input;

    @Parameters(paramLabel = "NAME", description = "The data source's name.")
    String name;

    @Option(names = "--no-schedule", description = "Remove the schedule.")
    boolean noSchedule;

    @ArgGroup(exclusive = true)
    Enablement enablement;

    /** {@code --enable} or {@code --disable}, not both. */
    static final class Enablement {
        @Option(names = "--enable", description = "Let the server's scheduler run it.")
        boolean enable;

        @Option(names = "--disable", description = "Make the server's scheduler skip it.")
        boolean disable;
    }

    @Override
    public Integer call() {
        if (noSchedule && input.schedule != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--schedule and --no-schedule cannot be given together");
        }
        DataSourceChanges changes = DataSourceChanges.NONE.withConfig(input.config())
                .withSettings(input.settings());
        if (!input.destinations.isEmpty()) {
            changes = changes.withTargetDatabases(input.destinations);
        }
        if (enablement != null) {
            changes = changes.withEnabled(enablement.enable);
        }
        if (noSchedule) {
            changes = changes.withoutSchedule();
        }
        changes = input.schedule().map(changes::withSchedule).orElse(changes);
        PrintWriter out = spec.commandLine().getOut();
        try (Tributary tributary = options.open()) {
            DataSource source = tributary.updateSource(name, changes);
            if (options.json.enabled) {
                JsonOption.print(out, SourceView.toJson(source));
            } else {
                out.println("Updated data source " + source.name() + ".");
                SourceView.printText(out, source);
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
