package dev.tributary.runtime.store;

/** A data source with the given name exists already. */
public final class DuplicateDataSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Names the taken name. */
    public DuplicateDataSourceException(String name) {
        super("a data source named '" + name + "' exists already; choose another name or use 'tributary sources"
                + " update " + name + "'");
    }
}
