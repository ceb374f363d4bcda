package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.DataSource;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary sources show NAME}: one data source, secrets shown as {@code ********}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a data source.")
final class SourcesShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Parameters(paramLabel = "NAME", description = "The data source's name.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Tributary tributary = options.open()) {
            DataSource source = tributary.source(name);
            if (options.json.enabled) {
                JsonOption.print(out, SourceView.toJson(source));
            } else {
                SourceView.printText(out, source);
                WebhookHint.print(out, tributary, source.name());
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
