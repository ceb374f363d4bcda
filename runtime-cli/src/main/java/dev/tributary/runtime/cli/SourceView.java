package dev.tributary.runtime.cli;

import dev.tributary.runtime.store.DataSource;
import dev.tributary.runtime.store.SettingsArguments;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a data source is shown: as text and as JSON, secrets always as {@code ********}. */
final class SourceView {

    private SourceView() {
    }

    /** The data source as a JSON-ready map; configuration redacted, target passwords hidden. */
    static Map<String, Object> toJson(DataSource source) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", source.name());
        json.put("id", source.id());
        json.put("connector", source.connectorId());
        json.put("config", source.config().redacted());
        json.put("settings", new SettingsArguments().format(source.settings()));
        json.put("targetDatabases", source.redactedTargetDatabases());
        json.put("enabled", source.enabled());
        json.put("schedule", source.schedule().map(schedule -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("cron", schedule.cron());
            value.put("timezone", schedule.zone().getId());
            return value;
        }).orElse(null));
        json.put("createdAt", source.createdAt().toString());
        json.put("updatedAt", source.updatedAt().toString());
        return json;
    }

    /** Prints the data source as indented text. */
    static void printText(PrintWriter out, DataSource source) {
        out.println(source.name() + " (connector " + source.connectorId() + ")" + (source.enabled() ? ""
                : " [disabled]"));
        out.println("  id:        " + source.id());
        out.println("  config:");
        source.config().redacted().forEach((key, value) -> out.println("    " + key + " = " + value));
        out.println("  settings:");
        new SettingsArguments().format(source.settings()).forEach((key, value) -> out.println("    " + key + " = "
                + value));
        out.println("  targets:");
        source.redactedTargetDatabases().forEach(target -> out.println("    " + target));
        out.println("  schedule:  " + source.schedule().map(s -> s.cron() + " (" + s.zone().getId() + ")")
                .orElse("none"));
        out.println("  created:   " + source.createdAt());
        out.println("  updated:   " + source.updatedAt());
    }
}
