package dev.tributary.runtime.crypto;

/**
 * A sealed value is damaged: its format is broken, or its authentication tag does not match although it names the
 * given key, which means the bytes were changed or the value was copied from another record (the record's id is
 * bound in as associated data).
 */
public final class TamperedValueException extends EncryptionException {

    private static final long serialVersionUID = 1L;

    /** Names the {@code subject} and what is wrong. */
    public TamperedValueException(String subject, String problem) {
        super("the stored configuration of " + subject + " is damaged or was altered (" + problem
                + "); nothing was decrypted. Restore it from a backup or set the configuration again");
    }

    /** Names the {@code subject} and what is wrong, with the underlying failure. */
    public TamperedValueException(String subject, String problem, Throwable cause) {
        super("the stored configuration of " + subject + " is damaged or was altered (" + problem
                + "); nothing was decrypted. Restore it from a backup or set the configuration again", cause);
    }
}
