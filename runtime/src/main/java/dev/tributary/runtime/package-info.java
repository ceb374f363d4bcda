/**
 * The Tributary runtime's embedding API: build a {@link dev.tributary.runtime.Tributary} with its
 * {@link dev.tributary.runtime.Tributary.Builder}, then use its connector registry, plugin reports and listeners.
 * This package is the only API for embedders; sub-packages are implementation and may change in any release (the
 * values they hand out through {@code Tributary} — registry, reports, changes — are documented as stable there).
 */
package dev.tributary.runtime;
