package dev.tributary.runtime.crypto;

/** The environment variable that should hold the encryption key is not set (or blank). */
public final class MissingKeyException extends EncryptionException {

    private static final long serialVersionUID = 1L;

    /** Names the unset {@code variable}. */
    public MissingKeyException(String variable) {
        super(variable + " is not set: data-source configuration is encrypted with it. Generate a key with "
                + "'tributary keygen' and export " + variable + "=<key>");
    }
}
