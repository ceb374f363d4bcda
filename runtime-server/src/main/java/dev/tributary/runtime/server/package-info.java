/**
 * The HTTP API server and web console ({@code tributary serve}): REST and server-sent events over the embedding API,
 * bearer-token protected, with the console's static files served from the same port. Implementation package, not API
 * for embedders: start it with {@link dev.tributary.runtime.server.ApiServer#builder()}.
 */
package dev.tributary.runtime.server;
