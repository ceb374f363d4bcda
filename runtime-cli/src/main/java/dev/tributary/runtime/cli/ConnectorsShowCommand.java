package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.runtime.plugin.EntityJson;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.spi.ConnectorMetadata;
import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.config.Config;
import dev.tributary.spi.config.ConfigField;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary connectors show <id>}: one connector's metadata, configuration fields, entities and whether its
 * icon exists. An unknown id exits {@code 2}, naming the available ids.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Describe a connector: metadata, configuration fields and entities.")
final class ConnectorsShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption json;

    @Mixin
    PluginsOption plugins;

    @Parameters(paramLabel = "ID", description = "The connector id, as listed by 'tributary connectors'.")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Tributary tributary = plugins.open()) {
            ConnectorInfo connector = tributary.registry().connector(id)
                    .orElseThrow(() -> new UnknownConnectorException(id,
                            tributary.registry().connectors().stream().map(ConnectorInfo::id).toList()));
            if (json.enabled) {
                JsonOption.print(out, toJson(connector));
            } else {
                printText(out, connector);
            }
        }
        return CommandLine.ExitCode.OK;
    }

    private static void printText(PrintWriter out, ConnectorInfo connector) {
        ConnectorMetadata metadata = connector.metadata();
        out.println(metadata.name() + " (" + metadata.id() + ") " + metadata.version());
        if (!metadata.description().isBlank()) {
            out.println(metadata.description());
        }
        out.println("plugin: " + connector.plugin());
        out.println("icon:   " + metadata.icon().map(name -> name + (connector.hasIcon() ? "" : " (missing)"))
                .orElse("none"));
        out.println();
        out.println("Configuration fields:");
        if (metadata.configSchema().fields().isEmpty()) {
            out.println("  (none)");
        } else {
            TextTable fields = new TextTable("  NAME", "TYPE", "REQUIRED", "SECRET", "DEFAULT", "DESCRIPTION");
            for (ConfigField field : metadata.configSchema().fields()) {
                fields.row("  " + field.name(), field.type().name().toLowerCase(), field.required() ? "yes" : "no",
                        field.secret() ? "yes" : "no", defaultText(field),
                        field.help().isBlank() ? field.label() : field.label() + ": " + field.help());
            }
            fields.print(out);
        }
        out.println();
        out.println("Entities:");
        if (metadata.supportedEntities().isEmpty()) {
            out.println("  (depend on the configuration)");
        } else {
            TextTable entities = new TextTable("  NAME", "PRIMARY KEY", "CURSOR", "FIELDS", "DESCRIPTION");
            for (EntityDescriptor entity : metadata.supportedEntities()) {
                entities.row("  " + entity.name(), String.join(", ", entity.primaryKey()),
                        entity.cursorField().orElse("-"), entity.schema()
                                .map(schema -> String.valueOf(SchemaText.fieldCount(schema.fields()))).orElse("-"),
                        entity.description());
            }
            entities.print(out);
            if (metadata.supportedEntities().stream().anyMatch(entity -> entity.schema().isPresent())) {
                out.println("FIELDS counts the declared fields, nested ones included; list them with 'tributary"
                        + " entities --connector " + metadata.id() + " --schema'.");
            }
        }
        out.flush();
    }

    private static Map<String, Object> toJson(ConnectorInfo connector) {
        ConnectorMetadata metadata = connector.metadata();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", metadata.id());
        json.put("name", metadata.name());
        json.put("version", metadata.version());
        json.put("description", metadata.description());
        json.put("plugin", connector.plugin().path().toString());
        Map<String, Object> icon = new LinkedHashMap<>();
        icon.put("resource", metadata.icon().orElse(null));
        icon.put("present", connector.hasIcon());
        json.put("icon", icon);
        json.put("configFields", metadata.configSchema().fields().stream().map(ConnectorsShowCommand::field).toList());
        json.put("entities", metadata.supportedEntities().stream().map(EntityJson::of).toList());
        return json;
    }

    private static String defaultText(ConfigField field) {
        return field.defaultValue().map(value -> field.secret() ? Config.REDACTED : value).orElse("-");
    }

    private static Map<String, Object> field(ConfigField field) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", field.name());
        json.put("label", field.label());
        json.put("type", field.type().name().toLowerCase());
        json.put("required", field.required());
        json.put("secret", field.secret());
        json.put("default", field.secret() ? field.defaultValue().map(v -> Config.REDACTED).orElse(null)
                : field.defaultValue().orElse(null));
        json.put("help", field.help());
        return json;
    }
}
