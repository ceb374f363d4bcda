/** The rate-limit contract between connectors and the runtime's per-data-source token bucket. */
package dev.tributary.spi.ratelimit;
