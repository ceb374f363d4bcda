package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
import dev.tributary.runtime.config.ConfigArguments;
import dev.tributary.runtime.plugin.ConnectorInfo;
import dev.tributary.runtime.plugin.EntityJson;
import dev.tributary.runtime.plugin.UnknownConnectorException;
import dev.tributary.runtime.source.SchemaJson;
import dev.tributary.runtime.source.SourceEntitySchema;
import dev.tributary.spi.EntityDescriptor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary entities NAME}: the entities a data source offers, with primary key and cursor field;
 * {@code --schema} prints the fields each entity's connector declares and, for a data source, the typed columns of
 * its tables in each target database ({@link SchemaJson} with {@code --json}). {@code tributary entities --connector ID}
 * lists a connector's entities without a stored data source: those its metadata declares, or, with
 * {@code --config}/{@code --config-file}, those of the connector initialised with that configuration (schemas it
 * discovers from the source included). {@code --json} prints the shape of {@link EntityJson}.
 */
@Command(name = "entities", mixinStandardHelpOptions = true,
        description = "List a data source's entities (NAME), or a connector's (--connector), with --schema their"
                + " declared fields.")
final class EntitiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The data source's name.")
    String name;

    @Option(names = "--connector", paramLabel = "ID",
            description = "A connector id instead of NAME: its declared entities, or with --config those it offers"
                    + " once initialised.")
    String connector;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "With --connector: a configuration field; repeatable. VALUE env:VAR reads variable VAR.")
    List<String> config = new ArrayList<>();

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "With --connector: a JSON object of configuration fields; --config entries override it.")
    Path configFile;

    @Option(names = "--schema", description = "Print each entity's declared fields: name, type, format, nullable,"
            + " description; nested fields as address.city, array elements' fields as items[].price. With NAME also"
            + " the columns of its tables in each target database.")
    boolean schema;

    @Override
    public Integer call() {
        if ((name == null) == (connector == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give either a data source NAME or --connector ID");
        }
        if (name != null && (!config.isEmpty() || configFile != null)) {
            throw new ParameterException(spec.commandLine(), "--config/--config-file apply to --connector; a stored"
                    + " data source uses its stored configuration (change it with 'tributary sources update " + name
                    + "')");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (name != null && schema) {
            printSourceSchema(out);
            return CommandLine.ExitCode.OK;
        }
        List<EntityDescriptor> entities;
        try (Tributary tributary = options.open()) {
            entities = name != null ? tributary.sourceEntities(name) : connectorEntities(tributary);
        }
        if (options.json.enabled) {
            JsonOption.print(out, entities.stream().map(EntityJson::of).toList());
        } else if (entities.isEmpty() && name == null && config.isEmpty() && configFile == null) {
            out.println("connector " + connector + " declares its entities only once configured; give its"
                    + " configuration with --config KEY=VALUE or --config-file FILE");
        } else if (schema) {
            SchemaText.print(out, entities);
        } else {
            TextTable table = new TextTable("ENTITY", "PRIMARY KEY", "CURSOR", "DESCRIPTION");
            for (EntityDescriptor entity : entities) {
                table.row(entity.name(), String.join(", ", entity.primaryKey()), entity.cursorField().orElse("-"),
                        entity.description());
            }
            table.print(out);
        }
        return CommandLine.ExitCode.OK;
    }

    private void printSourceSchema(PrintWriter out) {
        List<SourceEntitySchema> schemas;
        try (Tributary tributary = options.open()) {
            schemas = tributary.sourceSchema(name);
        }
        if (options.json.enabled) {
            JsonOption.print(out, schemas.stream().map(SchemaJson::of).toList());
        } else {
            SchemaText.printWithTables(out, schemas);
        }
    }

    private List<EntityDescriptor> connectorEntities(Tributary tributary) {
        if (config.isEmpty() && configFile == null) {
            return tributary.registry().connector(connector).orElseThrow(() -> new UnknownConnectorException(
                    connector, tributary.registry().connectors().stream().map(ConnectorInfo::id).toList()))
                    .metadata().supportedEntities();
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        try {
            if (configFile != null) {
                raw.putAll(SourceInput.readFile(configFile));
            }
            raw.putAll(new ConfigArguments(options.plugins.environment).parse(config));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return tributary.connectorEntities(connector, raw);
    }
}
