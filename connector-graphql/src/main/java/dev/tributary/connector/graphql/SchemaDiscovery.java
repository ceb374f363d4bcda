package dev.tributary.connector.graphql;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.error.ConnectorException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Describes the configured queries as entities, each with the schema of its selected fields taken from one
 * introspection request to the server ({@link IntrospectedTypes#QUERY}).
 *
 * <p>Introspection is optional for a sync: many production servers disable it. When it fails, every entity is
 * described without a schema (the runtime then infers column types from values, as for any schemaless entity) and
 * one warning names the reason; the fetch itself reports real connection or authentication problems. One instance
 * per discovery.
 */
final class SchemaDiscovery {

    private final SourceConfig source;
    private final GraphqlClient client;
    private final ScalarTypes scalars;
    private final System.Logger logger;

    SchemaDiscovery(SourceConfig source, GraphqlClient client, ScalarTypes scalars, System.Logger logger) {
        this.source = source;
        this.client = client;
        this.scalars = scalars;
        this.logger = logger;
    }

    /** The entities, with schemas when introspection succeeded. */
    List<EntityDescriptor> entities() {
        Optional<IntrospectedTypes> types = introspect();
        List<EntityDescriptor> entities = new ArrayList<>();
        for (QuerySpec query : source.queries()) {
            EntityDescriptor entity = describe(query);
            if (types.isPresent()) {
                QuerySchema.Result derived = new QuerySchema(types.get(), scalars).derive(query);
                if (!derived.problems().isEmpty()) {
                    logger.log(Level.WARNING, "query ''{0}'': {1}", query.name(),
                            String.join("; ", derived.problems()));
                }
                if (derived.schema().isPresent()) {
                    entity = entity.withSchema(derived.schema().get());
                }
            }
            entities.add(entity);
        }
        return List.copyOf(entities);
    }

    private Optional<IntrospectedTypes> introspect() {
        try {
            Map<String, Object> data = client.execute("schema introspection", IntrospectedTypes.QUERY, Map.of(),
                    Optional.empty());
            return Optional.of(IntrospectedTypes.from(data));
        } catch (CancellationException e) {
            throw e;
        } catch (ConnectorException e) {
            logger.log(Level.WARNING, "GraphQL schema introspection of {0} failed, so column types are inferred "
                    + "from the values instead of declared: {1}. To get declared types, allow introspection "
                    + "(__schema) for this client.", source.endpoint().getHost(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The entity of one query, without a schema. */
    static EntityDescriptor describe(QuerySpec query) {
        String incremental = query.cursorField().map(field -> query.sinceVariable().isPresent()
                ? ", incremental on " + field + " (server-side via $" + query.sinceVariable().get() + ")"
                : ", incremental on " + field + " (filtered client-side)").orElse("");
        return new EntityDescriptor(query.name(), query.primaryKey(), query.cursorField(),
                "GraphQL query, " + query.pagination().configName() + " pagination" + incremental);
    }
}
