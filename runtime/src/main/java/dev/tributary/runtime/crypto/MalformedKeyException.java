package dev.tributary.runtime.crypto;

/** The environment variable holds something that is not a 32-byte key in hex or base64. */
public final class MalformedKeyException extends EncryptionException {

    private static final long serialVersionUID = 1L;

    /** Names the {@code variable} and what is wrong with its value, never the value. */
    public MalformedKeyException(String variable, String problem) {
        super(variable + " is malformed: " + problem + ". It must hold 32 bytes as 64 hex characters or as base64 "
                + "(44 characters); 'tributary keygen' prints one");
    }
}
