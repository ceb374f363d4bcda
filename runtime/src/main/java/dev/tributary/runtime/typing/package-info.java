/**
 * Typed tables at run time: turns an entity's records into typed rows and schema changes ({@code TypedWrite}) from
 * its declared schema and inference of undeclared fields. See docs/typed-tables.md.
 */
package dev.tributary.runtime.typing;
