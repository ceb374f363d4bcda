package dev.tributary.connector.graphql;

import dev.tributary.spi.EntityDescriptor;
import dev.tributary.spi.error.ConnectorException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Describes the configured queries as entities, each with the schema of its selected fields taken from one
 * introspection request to the server ({@link IntrospectedTypes#QUERY}).
 *
 * <p>Introspection is optional for a sync: many production servers disable it. A transient failure (HTTP 5xx, 429,
 * a network error) is retried per {@link IntrospectionRetry}; a permanent one (introspection disabled, GraphQL errors,
 * a malformed answer, 401/403), or retries running out, describes every entity without a schema (the runtime then
 * infers column types from values, as for any schemaless entity) with one warning naming the cause; the fetch itself
 * reports real connection or authentication problems. One instance per discovery.
 */
final class SchemaDiscovery {

    private final SourceConfig source;
    private final GraphqlClient client;
    private final ScalarTypes scalars;
    private final IntrospectionRetry retry;
    private final System.Logger logger;

    SchemaDiscovery(SourceConfig source, GraphqlClient client, ScalarTypes scalars, IntrospectionRetry retry,
            System.Logger logger) {
        this.source = source;
        this.client = client;
        this.scalars = scalars;
        this.retry = retry;
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
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, Object> data = client.execute("schema introspection", IntrospectedTypes.QUERY, Map.of(),
                        Optional.empty());
                return Optional.of(IntrospectedTypes.from(data));
            } catch (CancellationException e) {
                throw e;
            } catch (ConnectorException | UncheckedIOException e) {
                if (!IntrospectionRetry.isTransient(e)) {
                    warn(e.getMessage());
                    return Optional.empty();
                }
                Optional<Duration> wait = retry.delay(attempt, e);
                if (wait.isEmpty()) {
                    warn(giveUp(attempt, e));
                    return Optional.empty();
                }
                logger.log(Level.INFO, "GraphQL schema introspection of {0}, attempt {1}, failed transiently ({2});"
                        + " retrying in {3} ms", source.endpoint().getHost(), attempt, e.getMessage(),
                        wait.get().toMillis());
                IntrospectionRetry.sleep(wait.get());
            }
        }
    }

    private String giveUp(int attempt, RuntimeException failure) {
        Optional<Duration> hint = IntrospectionRetry.serverHint(failure);
        if (attempt <= retry.maxRetries() && hint.isPresent()) {
            return failure.getMessage() + " (the server asked to wait " + hint.get().toSeconds() + " s, longer than "
                    + retry.cap().toSeconds() + " s, so this run does not wait for it; the next sync asks again)";
        }
        return failure.getMessage() + " (failed " + attempt + " time" + (attempt == 1 ? "" : "s")
                + " in a row, retried up to maxRetries = " + retry.maxRetries() + "; the next sync asks again)";
    }

    private void warn(String reason) {
        logger.log(Level.WARNING, "GraphQL schema introspection of {0} failed, so column types are inferred "
                + "from the values instead of declared: {1}. To get declared types, allow introspection "
                + "(__schema) for this client, or set introspection to false to skip the request.",
                source.endpoint().getHost(), reason);
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
