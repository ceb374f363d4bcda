package dev.tributary.connector.graphql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One configured query, which is one entity of the data source. Built by {@link SourceConfig#from}, which reports
 * every malformed field; the GraphQL document itself is checked by {@link QueryDocumentCheck}.
 *
 * @param index the position in the {@code queries} list, for messages ({@code queries[index].field})
 * @param name the entity name
 * @param query the GraphQL document
 * @param operationName which operation of the document to run; absent when it holds one operation
 * @param dataPath path from {@code data} to the list of records (or of edges)
 * @param nodePath path inside each list element to the record, e.g. {@code node}; absent when the element is it
 * @param pagination how to page
 * @param hasNextPagePath path to the boolean telling whether another page exists (cursor: required; offset: optional)
 * @param cursorPath path to the cursor of the page's last element ({@code pageInfo.endCursor}); cursor pagination only
 * @param pageSizeVariable the variable receiving the page size ({@code first} or {@code limit} by default)
 * @param offsetVariable the variable receiving the offset (offset pagination)
 * @param cursorVariable the variable receiving the cursor (cursor pagination)
 * @param totalCountPath path to the total number of records, for progress; optional
 * @param batchSize the page size to ask for; absent to use the sync's batch size
 * @param variables fixed variables sent with every request; JSON values, null allowed
 * @param primaryKey the record fields identifying a record
 * @param cursorField the record field holding an ISO-8601 or epoch-seconds timestamp, for incremental syncs
 * @param sinceVariable the variable receiving the incremental lower bound as ISO-8601 text (server-side filtering)
 */
record QuerySpec(
        int index,
        String name,
        String query,
        Optional<String> operationName,
        JsonPath dataPath,
        Optional<JsonPath> nodePath,
        Pagination pagination,
        Optional<JsonPath> hasNextPagePath,
        Optional<JsonPath> cursorPath,
        String pageSizeVariable,
        String offsetVariable,
        String cursorVariable,
        Optional<JsonPath> totalCountPath,
        OptionalInt batchSize,
        Map<String, Object> variables,
        List<String> primaryKey,
        Optional<String> cursorField,
        Optional<String> sinceVariable) {

    QuerySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(operationName, "operationName");
        Objects.requireNonNull(dataPath, "dataPath");
        Objects.requireNonNull(nodePath, "nodePath");
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(hasNextPagePath, "hasNextPagePath");
        Objects.requireNonNull(cursorPath, "cursorPath");
        Objects.requireNonNull(pageSizeVariable, "pageSizeVariable");
        Objects.requireNonNull(offsetVariable, "offsetVariable");
        Objects.requireNonNull(cursorVariable, "cursorVariable");
        Objects.requireNonNull(totalCountPath, "totalCountPath");
        Objects.requireNonNull(batchSize, "batchSize");
        // Variables may hold JSON nulls, so no Map.copyOf.
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(variables, "variables")));
        primaryKey = List.copyOf(Objects.requireNonNull(primaryKey, "primaryKey"));
        Objects.requireNonNull(cursorField, "cursorField");
        Objects.requireNonNull(sinceVariable, "sinceVariable");
    }

    /** The config field name of one of this query's settings, e.g. {@code queries[2].dataPath}. */
    String field(String setting) {
        return "queries[" + index + "]." + setting;
    }
}
