/**
 * Authenticated encryption of data-source configuration at rest: {@link dev.tributary.runtime.crypto.EncryptionKey}
 * (parsed from {@code ENCRYPTION_KEY}, never printed), {@link dev.tributary.runtime.crypto.AesGcmConfigCipher}
 * (AES-256-GCM with a fresh nonce per write and the record's id as associated data) and one exception per failure
 * a user can fix. Implementation package, not API for embedders; it imports nothing else of Tributary.
 */
package dev.tributary.runtime.crypto;
