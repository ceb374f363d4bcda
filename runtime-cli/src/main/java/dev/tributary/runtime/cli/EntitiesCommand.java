package dev.tributary.runtime.cli;

import dev.tributary.runtime.Tributary;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary entities NAME}: the entities a data source offers, with primary key and cursor field. */
@Command(name = "entities", mixinStandardHelpOptions = true, description = "List a data source's entities.")
final class EntitiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreCommandOptions options;

    @Parameters(paramLabel = "NAME", description = "The data source's name.")
    String name;

    @Override
    public Integer call() {
        List<EntityDescriptor> entities;
        try (Tributary tributary = options.open()) {
            entities = tributary.sourceEntities(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json.enabled) {
            JsonOption.print(out, entities.stream().map(EntitiesCommand::toJson).toList());
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

    private static Map<String, Object> toJson(EntityDescriptor entity) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", entity.name());
        json.put("primaryKey", entity.primaryKey());
        json.put("cursorField", entity.cursorField().orElse(null));
        json.put("description", entity.description());
        return json;
    }
}
