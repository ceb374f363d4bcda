package dev.tributary.runtime.store;

/** No data source has the given name. */
public final class NoSuchDataSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Names the missing data source. */
    public NoSuchDataSourceException(String name) {
        super("no data source named '" + name + "'; 'tributary sources list' shows the existing ones");
    }
}
