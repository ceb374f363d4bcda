package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.DataSourceDraft;
import dev.tributary.runtime.store.SettingsArguments;
import dev.tributary.spi.config.Settings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary sources add NAME --connector ID ...}: validates the configuration against the connector's schema,
 * encrypts it with {@code ENCRYPTION_KEY} and stores the data source. Invalid input exits {@code 2} naming every
 * field at fault.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a data source.")
final class SourcesAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Mixin
    SourceInput input;

    @Parameters(paramLabel = "NAME", description = "Unique name, [a-z][a-z0-9_]*; prefixes its tables.")
    String name;

    @Option(names = "--connector", paramLabel = "ID", required = true, description = "The connector id.")
    String connector;

    @Option(names = "--disabled", description = "Store it disabled: the server's scheduler skips it.")
    boolean disabled;

    @Override
    public Integer call() {
        Settings settings = new SettingsArguments().apply(Settings.DEFAULTS, input.settings());
        DataSourceDraft draft = DataSourceDraft.of(name, connector, input.config()).withSettings(settings)
                .withTargetDatabases(input.destinations).withEnabled(!disabled);
        draft = input.schedule().map(draft::withSchedule).orElse(draft);
        PrintWriter out = spec.commandLine().getOut();
        try (Tributary tributary = options.open()) {
            DataSource source = tributary.createSource(draft);
            if (options.json.enabled) {
                JsonOption.print(out, SourceView.toJson(source));
            } else {
                out.println("Added data source " + source.name() + ".");
                SourceView.printText(out, source);
                WebhookHint.print(out, tributary, source.name());
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
