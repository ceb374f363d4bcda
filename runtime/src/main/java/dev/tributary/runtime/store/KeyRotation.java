package dev.tributary.runtime.store;

/**
 * The outcome of {@link DataSources#rotateKey}.
 *
 * @param reEncrypted data sources moved from the previous key to the new one
 * @param alreadyCurrent data sources that were already under the new key (an earlier rotation), left as they were
 */
public record KeyRotation(int reEncrypted, int alreadyCurrent) {

    public KeyRotation {
        if (reEncrypted < 0 || alreadyCurrent < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
