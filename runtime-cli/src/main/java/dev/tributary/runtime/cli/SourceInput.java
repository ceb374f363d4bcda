package dev.tributary.runtime.cli;

import dev.tributary.runtime.config.ConfigArguments;
import dev.tributary.runtime.store.Schedule;
import dev.tributary.runtime.store.SettingsArguments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The options that describe a data source, shared by {@code sources add} and {@code sources update}:
 * {@code --config KEY=VALUE} (with {@code env:VAR} values), {@code --config-file F}, {@code --destination URL},
 * {@code --setting KEY=VALUE}, {@code --schedule CRON} and {@code --timezone ZONE}.
 */
final class SourceInput {

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A configuration field; repeatable. VALUE env:VAR reads environment variable VAR.")
    List<String> config = new ArrayList<>();

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "A JSON object or YAML mapping (.yaml, .yml) of configuration fields; --config entries override it.")
    Path configFile;

    @Option(names = "--destination", paramLabel = "URL",
            description = "A target database URL; repeatable (default: <home>/warehouse.db).")
    List<String> destinations = new ArrayList<>();

    @Option(names = "--setting", paramLabel = "KEY=VALUE",
            description = "A sync setting; repeatable. Keys: " + SettingsArguments.NAMES + ".")
    List<String> settings = new ArrayList<>();

    @Option(names = "--schedule", paramLabel = "CRON",
            description = "Unix cron expression for scheduled syncs by the server, e.g. '0 * * * *'.")
    String schedule;

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone the schedule is read in (default: UTC).")
    String timezone;


    /** Where {@code env:VAR} values are read; {@link CommandFactory} sets it, tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    /**
     * The configuration given: the file's fields, then the {@code --config} entries.
     *
     * @throws IllegalArgumentException naming the file or argument at fault, never a value
     */
    Map<String, Object> config() {
        Map<String, Object> values = new LinkedHashMap<>();
        if (configFile != null) {
            values.putAll(readFile(configFile));
        }
        values.putAll(new ConfigArguments(environment).parse(config));
        return values;
    }

    /** The settings given, by name. */
    Map<String, String> settings() {
        return new SettingsArguments().parse(settings);
    }

    /** The schedule given, if any. */
    Optional<Schedule> schedule() {
        return Optional.ofNullable(schedule).map(cron -> Schedule.of(cron, timezone));
    }

    /**
     * The JSON object or YAML mapping in a {@code --config-file}.
     *
     * @throws IllegalArgumentException naming the file and the place at fault, never a value
     */
    static Map<String, Object> readFile(Path file) {
        return ConfigFile.read(file);
    }
}
