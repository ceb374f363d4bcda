package dev.tributary.runtime.source;

import dev.tributary.spi.BaseConnector;
import dev.tributary.spi.ConnectorMetadata;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ConnectorCatalog} with the {@link NumbersConnector} only, and hooks tests use to observe and hold it. */
final class NumbersWorld implements ConnectorCatalog {

    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    volatile Runnable beforeFetch = () -> { };

    @Override
    public ConnectorMetadata metadata(String connectorId) {
        requireKnown(connectorId);
        return NumbersConnector.METADATA;
    }

    @Override
    public BaseConnector create(String connectorId) {
        requireKnown(connectorId);
        return new NumbersConnector(this);
    }

    private static void requireKnown(String connectorId) {
        if (!connectorId.equals("numbers")) {
            throw new IllegalArgumentException("no connector '" + connectorId + "'");
        }
    }
}
