package dev.tributary.runtime.store;

/** The store's schema was written by a newer Tributary than this one; nothing was changed. */
public final class StoreVersionException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** Names the store and both versions. */
    public StoreVersionException(StoreLocation location, int found, int known) {
        super("store " + location + " has schema version " + found + ", but this Tributary knows versions up to "
                + known + ": it was written by a newer Tributary. Upgrade Tributary, or point --store (or"
                + " TRIBUTARY_STORE_URL) at another store");
    }
}
