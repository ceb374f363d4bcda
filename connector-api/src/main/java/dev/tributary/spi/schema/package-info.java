/**
 * Entity schemas: the fields of each entity with their types ({@link dev.tributary.spi.schema.EntitySchema},
 * {@link dev.tributary.spi.schema.SchemaField}), which the runtime turns into typed destination columns. A connector
 * may declare schemas statically in its metadata or discover them after initialisation (for example by
 * introspecting a GraphQL server) and return them from {@code getAvailableEntities()}; fields it does not declare
 * are inferred from the values seen.
 *
 * @since 1.1
 */
package dev.tributary.spi.schema;
