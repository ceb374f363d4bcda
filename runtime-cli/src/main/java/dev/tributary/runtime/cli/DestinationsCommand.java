package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.destination.InstalledDestination;
import java.io.PrintWriter;
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
 * {@code tributary destinations}: the installed kinds of destination with id, name, URL forms, whether they write
 * typed tables and which provider class serves them; the built-in JDBC destination comes first.
 */
@Command(name = "destinations", mixinStandardHelpOptions = true,
        description = "List the installed destinations and the URL forms they accept.")
final class DestinationsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    PluginsOption plugins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<InstalledDestination> installed;
        try (Tributary tributary = plugins.open()) {
            installed = tributary.destinations().installed();
        }
        if (json.enabled) {
            JsonOption.print(out, installed.stream().map(DestinationsCommand::toJson).toList());
        } else {
            TextTable table = new TextTable("ID", "NAME", "URL FORMS", "TYPED", "PROVIDER");
            for (InstalledDestination destination : installed) {
                table.row(destination.metadata().id(), destination.metadata().name(),
                        destination.metadata().urlForms().isEmpty() ? "-"
                                : String.join(", ", destination.metadata().urlForms()),
                        destination.metadata().typedTables() ? "yes" : "no",
                        destination.builtIn() ? "built in" : destination.plugin()
                                .map(plugin -> destination.providerClass() + " (" + plugin + ")")
                                .orElse(destination.providerClass()));
            }
            table.print(out);
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private static Map<String, Object> toJson(InstalledDestination destination) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", destination.metadata().id());
        json.put("name", destination.metadata().name());
        json.put("urlForms", destination.metadata().urlForms());
        json.put("typedTables", destination.metadata().typedTables());
        json.put("builtIn", destination.builtIn());
        json.put("provider", destination.providerClass());
        json.put("plugin", destination.plugin().orElse(null));
        return json;
    }
}
