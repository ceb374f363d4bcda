package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.store.DataSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary sources list}: every data source with connector, targets, schedule and state. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the data sources.")
final class SourcesListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Override
    public Integer call() {
        try (Tributary tributary = options.open()) {
            print(spec.commandLine().getOut(), tributary.sources(), options.json.enabled);
        }
        return CommandLine.ExitCode.OK;
    }

    static void print(PrintWriter out, List<DataSource> sources, boolean asJson) {
        if (asJson) {
            JsonOption.print(out, sources.stream().map(SourceView::toJson).toList());
            return;
        }
        if (sources.isEmpty()) {
            out.println("No data sources. Add one with"
                    + " 'tributary sources add NAME --connector ID --config KEY=VALUE'.");
        } else {
            TextTable table = new TextTable("NAME", "CONNECTOR", "TARGETS", "SCHEDULE", "ENABLED");
            for (DataSource source : sources) {
                table.row(source.name(), source.connectorId(), String.join(", ", source.redactedTargetDatabases()),
                        source.schedule().map(s -> s.cron() + " " + s.zone().getId()).orElse("-"),
                        source.enabled() ? "yes" : "no");
            }
            table.print(out);
        }
        out.flush();
    }
}
