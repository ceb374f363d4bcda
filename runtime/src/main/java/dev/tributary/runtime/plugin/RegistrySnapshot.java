package dev.tributary.runtime.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The registry's state at one moment: which connector id resolves to which loaded class, and a report per plugin.
 * Built from loaded plugins in discovery order; a plugin that provides an id an earlier plugin already provides is
 * marked failed as a duplicate and contributes nothing. Immutable.
 */
final class RegistrySnapshot {

    static final RegistrySnapshot EMPTY = new RegistrySnapshot(Map.of(), List.of());

    private final Map<String, ConnectorType> connectors;
    private final List<PluginReport> reports;

    private RegistrySnapshot(Map<String, ConnectorType> connectors, List<PluginReport> reports) {
        this.connectors = Collections.unmodifiableMap(new TreeMap<>(connectors));
        this.reports = List.copyOf(reports);
    }

    /** Resolves connector ids across {@code entries}, which must be loaded and in discovery order. */
    static RegistrySnapshot of(List<PluginEntry> entries) {
        Map<String, List<PluginLocation>> providers = new LinkedHashMap<>();
        for (PluginEntry entry : entries) {
            if (entry.failures().isEmpty()) {
                for (ConnectorType type : entry.types()) {
                    providers.computeIfAbsent(type.metadata().id(), id -> new ArrayList<>()).add(entry.location());
                }
            }
        }
        Map<String, ConnectorType> connectors = new TreeMap<>();
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
            }
            List<String> ids = new ArrayList<>();
            if (failures.isEmpty()) {
                for (ConnectorType type : entry.types()) {
                    connectors.put(type.metadata().id(), type);
                    ids.add(type.metadata().id());
                }
            }
            Collections.sort(ids);
            reports.add(new PluginReport(entry.location(), failures.isEmpty() ? PluginStatus.LOADED
                    : PluginStatus.FAILED, entry.spiVersion(), ids, failures));
        }
        return new RegistrySnapshot(connectors, reports);
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

    Optional<ConnectorType> connector(String id) {
        return Optional.ofNullable(connectors.get(id));
    }

    List<PluginReport> reports() {
        return reports;
    }

    /** The report of the plugin at {@code location}, if it is part of this snapshot. */
    Optional<PluginReport> report(PluginLocation location) {
        return reports.stream().filter(r -> r.location().path().equals(location.path())).findFirst();
    }
}
