/**
 * The Tributary connector SPI: the only types a connector or destination plugin compiles against.
 * It depends on nothing but {@code java.base}.
 */
module dev.tributary.spi {
    exports dev.tributary.spi;
    exports dev.tributary.spi.config;
    exports dev.tributary.spi.error;
    exports dev.tributary.spi.ratelimit;
    exports dev.tributary.spi.destination;
    exports dev.tributary.spi.schema;
    exports dev.tributary.spi.webhook;
}
