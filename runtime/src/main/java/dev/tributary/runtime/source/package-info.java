/**
 * Operations on stored data sources that need connectors: create and update (validating against the connector's
 * schema), connection test, entity listing, and syncing a stored source into each of its target databases while
 * holding its lease and recording a run. Implementation package behind {@link dev.tributary.runtime.Tributary}.
 */
package dev.tributary.runtime.source;
