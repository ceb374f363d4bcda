package dev.tributary.runtime.crypto;

/**
 * Configuration could not be encrypted or decrypted. Each subtype is one cause a user fixes differently; messages
 * name the environment variable or data source at fault and never contain a key, a plaintext or a ciphertext.
 */
public abstract sealed class EncryptionException extends RuntimeException
        permits MissingKeyException, MalformedKeyException, WrongKeyException, TamperedValueException {

    private static final long serialVersionUID = 1L;

    EncryptionException(String message) {
        super(message);
    }

    EncryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
