/**
 * The GraphQL connector (id {@code graphql}): syncs any GraphQL API, one entity per configured query, with no, offset
 * or cursor (Relay) pagination. Query documents are parsed and checked with graphql-java before any request; requests
 * go through the shared HTTP toolkit ({@code dev.tributary.connector.http}).
 *
 * <p>Only {@link dev.tributary.connector.graphql.GraphqlConnector} is meant to be named from outside (it is the
 * service registered in {@code META-INF/services}); every other type here is an implementation detail of the plugin.
 */
package dev.tributary.connector.graphql;
