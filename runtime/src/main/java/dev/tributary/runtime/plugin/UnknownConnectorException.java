package dev.tributary.runtime.plugin;

import java.util.Collection;

/** Thrown when a connector id names no available connector; the message lists the ids that are available. */
public final class UnknownConnectorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String connectorId;

    /**
     * @param connectorId the id asked for
     * @param available the ids that are available
     */
    public UnknownConnectorException(String connectorId, Collection<String> available) {
        super("no connector with id '" + connectorId + "'"
                + (available.isEmpty() ? "; no connectors are installed (check the plugins folder and run "
                + "'tributary plugins')" : "; available: " + String.join(", ", available)));
        this.connectorId = connectorId;
    }

    /** The id that was asked for. */
    public String connectorId() {
        return connectorId;
    }
}
