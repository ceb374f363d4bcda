/**
 * The {@code sample} connector: an offline data source that generates deterministic fake customers and orders, so
 * that a newcomer can run a real sync with no account and no network, and so that authors have a small, complete
 * connector to read before writing their own. Not API: only the service entry is used.
 */
package dev.tributary.connector.sample;
