package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.plugin.PluginFailure;
import dev.tributary.runtime.plugin.PluginReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tributary plugins}: every plugin found, loaded or failed, with the cause and a hint for failed ones. Exits
 * {@code 0} when the listing worked, whatever the plugins' status (use {@code --strict} to fail on broken ones).
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List plugins with their status (loaded or failed) and why a plugin failed.")
final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    PluginsOption plugins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Tributary tributary = plugins.open()) {
            List<PluginReport> reports = tributary.plugins();
            if (json.enabled) {
                JsonOption.print(out, reports.stream().map(PluginsCommand::toJson).toList());
            } else {
                printText(out, reports);
            }
        }
        return CommandLine.ExitCode.OK;
    }

    private static void printText(PrintWriter out, List<PluginReport> reports) {
        if (reports.isEmpty()) {
            out.println("No plugins found.");
            return;
        }
        TextTable table = new TextTable("STATUS", "PLUGIN", "CONNECTORS", "DESTINATIONS");
        for (PluginReport report : reports) {
            table.row(report.loaded() ? "loaded" : "failed", report.location().toString(),
                    report.connectorIds().isEmpty() ? "-" : String.join(", ", report.connectorIds()),
                    report.destinationIds().isEmpty() ? "-" : String.join(", ", report.destinationIds()));
        }
        table.print(out);
        for (PluginReport report : reports) {
            for (PluginFailure failure : report.failures()) {
                out.println();
                out.println("failed: " + failure.path());
                out.println("  cause: " + failure.cause());
                out.println("  hint:  " + failure.hint());
            }
        }
        out.flush();
    }

    private static Map<String, Object> toJson(PluginReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", report.location().name());
        json.put("path", report.location().path().toString());
        json.put("kind", report.location().kind().name().toLowerCase());
        json.put("status", report.status().name().toLowerCase());
        json.put("spiVersion", report.spiVersion().orElse(null));
        json.put("connectors", report.connectorIds());
        json.put("destinations", report.destinationIds());
        List<Map<String, Object>> failures = new ArrayList<>();
        for (PluginFailure failure : report.failures()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", failure.kind().name());
            item.put("path", failure.path().toString());
            item.put("cause", failure.cause());
            item.put("hint", failure.hint());
            failures.add(item);
        }
        json.put("failures", failures);
        return json;
    }
}
