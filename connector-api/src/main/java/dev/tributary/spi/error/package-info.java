/**
 * The exceptions connectors throw so the runtime can react: retry ({@link dev.tributary.spi.error.TransientException},
 * {@link dev.tributary.spi.error.RateLimitedException}) or stop the entity
 * ({@link dev.tributary.spi.error.InvalidConfigException}, {@link dev.tributary.spi.error.AuthenticationException},
 * {@link dev.tributary.spi.error.PermanentException}). Messages name the input, never its value, and say what to do.
 */
package dev.tributary.spi.error;
