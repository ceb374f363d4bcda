/**
 * Test connectors found on the class path by the server tests ({@code shop}, {@code bare}) and the loopback fake
 * shop API the {@code shop} connector reads.
 */
package dev.tributary.runtime.server.shop;
