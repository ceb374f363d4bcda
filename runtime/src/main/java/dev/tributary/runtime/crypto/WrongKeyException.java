package dev.tributary.runtime.crypto;

/**
 * A value was sealed with another key than the one given: its key id differs from the given key's id. Nothing was
 * decrypted.
 */
public final class WrongKeyException extends EncryptionException {

    private static final long serialVersionUID = 1L;

    /** Names the {@code subject} (e.g. a data source) and both key ids; key ids are one-way fingerprints. */
    public WrongKeyException(String subject, String sealedWith, String given) {
        super("the configuration of " + subject + " was encrypted with another key (key id " + sealedWith
                + ") than the one given (key id " + given + "). Set ENCRYPTION_KEY to the key it was stored with,"
                + " or, after changing keys, run 'tributary keys rotate' with the old key in ENCRYPTION_KEY_PREVIOUS");
    }
}
