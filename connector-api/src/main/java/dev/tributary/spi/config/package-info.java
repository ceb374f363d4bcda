/**
 * Data-source configuration: the schema a connector declares ({@link dev.tributary.spi.config.ConfigSchema},
 * {@link dev.tributary.spi.config.ConfigField}), the validated values it receives
 * ({@link dev.tributary.spi.config.Config}) and the runtime's sync settings
 * ({@link dev.tributary.spi.config.Settings}).
 */
package dev.tributary.spi.config;
