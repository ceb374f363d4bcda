package dev.tributary.runtime.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The registry's state at one moment: which connector id resolves to which loaded class, which destination id to
 * which provider, and a report per plugin. Built from loaded plugins in discovery order; a plugin that provides a
 * connector or destination id an earlier plugin already provides is marked failed as a duplicate and contributes
 * nothing. Immutable.
 */
final class RegistrySnapshot {

    static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), Map.of(), List.of());

    private final Map<String, ConnectorType> connectors;
    private final Map<String, DestinationType> destinations;
    private final List<PluginReport> reports;
    private final Map<Path, PluginReport> reportsByPath = new HashMap<>();

    private RegistrySnapshot(Map<String, ConnectorType> connectors, Map<String, DestinationType> destinations,
            List<PluginReport> reports) {
        this.connectors = Collections.unmodifiableMap(new TreeMap<>(connectors));
        this.destinations = Collections.unmodifiableMap(new LinkedHashMap<>(destinations));
        this.reports = List.copyOf(reports);
        this.reports.forEach(report -> reportsByPath.put(report.location().path(), report));
    }

    /** Resolves connector and destination ids across {@code entries}, which must be loaded and in discovery order. */
    static RegistrySnapshot of(List<PluginEntry> entries) {
        Map<String, List<PluginLocation>> providers = new LinkedHashMap<>();
        Map<String, List<PluginLocation>> destinationProviders = new LinkedHashMap<>();
        for (PluginEntry entry : entries) {
            if (entry.failures().isEmpty()) {
                for (ConnectorType type : entry.types()) {
                    providers.computeIfAbsent(type.metadata().id(), id -> new ArrayList<>()).add(entry.location());
                }
                for (DestinationType type : entry.destinationTypes()) {
                    destinationProviders.computeIfAbsent(type.metadata().id(), id -> new ArrayList<>())
                            .add(entry.location());
                }
            }
        }
        Map<String, ConnectorType> connectors = new TreeMap<>();
        Map<String, DestinationType> destinations = new LinkedHashMap<>();
        List<PluginReport> reports = new ArrayList<>();
        for (PluginEntry entry : entries) {
            List<PluginFailure> failures = new ArrayList<>(entry.failures());
            if (failures.isEmpty()) {
                for (ConnectorType type : entry.types()) {
                    ConnectorType winner = connectors.get(type.metadata().id());
                    if (winner != null) {
                        failures.add(duplicate(type, winner, providers.get(type.metadata().id())));
                    }
                }
                for (DestinationType type : entry.destinationTypes()) {
                    DestinationType winner = destinations.get(type.metadata().id());
                    if (winner != null) {
                        failures.add(duplicate(type, winner, destinationProviders.get(type.metadata().id())));
                    }
                }
            }
            List<String> ids = new ArrayList<>();
            List<String> destinationIds = new ArrayList<>();
            if (failures.isEmpty()) {
                for (ConnectorType type : entry.types()) {
                    connectors.put(type.metadata().id(), type);
                    ids.add(type.metadata().id());
                }
                for (DestinationType type : entry.destinationTypes()) {
                    destinations.put(type.metadata().id(), type);
                    destinationIds.add(type.metadata().id());
                }
            }
            Collections.sort(ids);
            Collections.sort(destinationIds);
            reports.add(new PluginReport(entry.location(), failures.isEmpty() ? PluginStatus.LOADED
                    : PluginStatus.FAILED, entry.spiVersion(), ids, destinationIds, failures));
        }
        return new RegistrySnapshot(connectors, destinations, reports);
    }

    private static PluginFailure duplicate(DestinationType loser, DestinationType winner, List<PluginLocation> all) {
        String id = loser.metadata().id();
        return new PluginFailure(PluginFailure.Kind.DUPLICATE_DESTINATION_ID, loser.plugin().path(),
                "destination id '" + id + "' is already provided by " + winner.plugin()
                + ", which comes first and is used; every plugin providing '" + id + "': "
                + all.stream().map(PluginLocation::toString).collect(Collectors.joining(", ")),
                "remove all but one copy of the '" + id + "' destination; the first in discovery order (plugins "
                + "folders in the order given, each sorted by file name) is used");
    }

    private static PluginFailure duplicate(ConnectorType loser, ConnectorType winner, List<PluginLocation> all) {
        String id = loser.metadata().id();
        return new PluginFailure(PluginFailure.Kind.DUPLICATE_CONNECTOR_ID, loser.info().plugin().path(),
                "connector id '" + id + "' is already provided by " + winner.info().plugin()
                + ", which comes first and is used; every plugin providing '" + id + "': "
                + all.stream().map(PluginLocation::toString).collect(Collectors.joining(", ")),
                "remove all but one copy of the '" + id + "' connector; the first in discovery order (class path, "
                + "then plugins folders in the order given, each sorted by file name) is used");
    }

    Map<String, ConnectorType> connectors() {
        return connectors;
    }

    /** The loaded destination providers by id, in discovery order. */
    Map<String, DestinationType> destinations() {
        return destinations;
    }

    Optional<ConnectorType> connector(String id) {
        return Optional.ofNullable(connectors.get(id));
    }

    List<PluginReport> reports() {
        return reports;
    }

    /** The report of the plugin at {@code location}, if it is part of this snapshot. */
    Optional<PluginReport> report(PluginLocation location) {
        return Optional.ofNullable(reportsByPath.get(location.path()));
    }
}
