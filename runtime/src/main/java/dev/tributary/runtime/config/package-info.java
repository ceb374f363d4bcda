/**
 * Turns user input ({@code --config key=value} arguments, JSON config files, API bodies) into a validated
 * {@link dev.tributary.spi.config.Config} for a connector's schema. Implementation package, not API for embedders.
 */
package dev.tributary.runtime.config;
