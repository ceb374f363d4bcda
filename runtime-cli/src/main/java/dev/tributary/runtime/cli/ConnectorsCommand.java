package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.spi.EntityDescriptor;
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
 * {@code tributary connectors}: the available connectors with id, name, version, entities and plugin. Broken plugins
 * are skipped (see {@code tributary plugins}); the command still exits {@code 0}.
 */
@Command(name = "connectors", mixinStandardHelpOptions = true,
        description = "List the available connectors.",
        subcommands = ConnectorsShowCommand.class)
final class ConnectorsCommand implements Callable<Integer> {

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
            List<ConnectorInfo> connectors = tributary.registry().connectors();
            if (json.enabled) {
                JsonOption.print(out, connectors.stream().map(ConnectorsCommand::toJson).toList());
            } else if (connectors.isEmpty()) {
                out.println("No connectors available. Run 'tributary plugins' to see which plugins were found.");
            } else {
                TextTable table = new TextTable("ID", "NAME", "VERSION", "ENTITIES", "PLUGIN");
                for (ConnectorInfo connector : connectors) {
                    table.row(connector.id(), connector.metadata().name(), connector.metadata().version(),
                            String.join(", ", entityNames(connector)), connector.plugin().name());
                }
                table.print(out);
            }
            out.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    static List<String> entityNames(ConnectorInfo connector) {
        return connector.metadata().supportedEntities().stream().map(EntityDescriptor::name).toList();
    }

    private static Map<String, Object> toJson(ConnectorInfo connector) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", connector.id());
        json.put("name", connector.metadata().name());
        json.put("version", connector.metadata().version());
        json.put("description", connector.metadata().description());
        json.put("entities", entityNames(connector));
        json.put("plugin", connector.plugin().path().toString());
        return json;
    }
}
