package dev.tributary.connector.graphql;

import dev.tributary.connector.http.ConfigProblems;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks one configured query document with graphql-java's {@link Parser}, before any request is sent: syntax (with
 * line and column), which operation runs, that the pagination, since and fixed variables are declared with types
 * the connector can fill, and that the configured paths and record fields are selected by the query.
 *
 * <p>The check knows the document only, not the server's schema, so it cannot tell whether a field exists on the
 * server; the server's own validation errors surface on the first request. Stateless and thread-safe.
 */
final class QueryDocumentCheck {

    private static final Set<String> NON_TEXT_SCALARS = Set.of("Int", "Float", "Boolean");

    /**
     * Checks {@code spec}, adding one problem per finding to {@code problems}. Every problem names the query's
     * config field (e.g. {@code queries[1].query}) and the query's name.
     */
    void check(QuerySpec spec, ConfigProblems problems) {
        Document document;
        try {
            document = Parser.parse(spec.query());
        } catch (InvalidSyntaxException e) {
            problems.add(spec.field("query"), describe(spec) + ": " + syntaxError(e));
            return;
        }
        Optional<OperationDefinition> chosen = chooseOperation(spec, document, problems);
        if (chosen.isEmpty()) {
            return;
        }
        OperationDefinition operation = chosen.get();
        Map<String, FragmentDefinition> fragments = fragments(spec, document, problems);
        checkFragmentSpreads(spec, operation.getSelectionSet(), fragments, new HashSet<>(), problems);
        checkVariables(spec, operation, problems);
        checkSelections(spec, operation.getSelectionSet(), fragments, problems);
    }

    private static String describe(QuerySpec spec) {
        return "query '" + spec.name() + "'";
    }

    private static String syntaxError(InvalidSyntaxException e) {
        SourceLocation location = e.getLocation();
        StringBuilder text = new StringBuilder("GraphQL syntax error");
        if (location != null) {
            text.append(" at line ").append(location.getLine()).append(", column ").append(location.getColumn());
        }
        if (e.getOffendingToken() != null) {
            text.append(": unexpected '").append(e.getOffendingToken()).append('\'');
        } else if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        return text.toString();
    }

    private static Optional<OperationDefinition> chooseOperation(
            QuerySpec spec, Document document, ConfigProblems problems) {
        List<OperationDefinition> operations = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                operations.add(operation);
            } else if (!(definition instanceof FragmentDefinition)) {
                problems.add(spec.field("query"), describe(spec) + " contains a schema definition ("
                        + definition.getClass().getSimpleName().replace("Definition", "")
                        + "); only operations and fragments can be executed");
            }
        }
        if (operations.isEmpty()) {
            problems.add(spec.field("query"), describe(spec) + " contains no operation; write e.g. "
                    + "'query People { ... }'");
            return Optional.empty();
        }
        Optional<OperationDefinition> chosen;
        if (spec.operationName().isPresent()) {
            String wanted = spec.operationName().get();
            chosen = operations.stream().filter(op -> wanted.equals(op.getName())).findFirst();
            if (chosen.isEmpty()) {
                problems.add(spec.field("operationName"), describe(spec) + " has no operation named '" + wanted
                        + "' (operations: " + names(operations) + ")");
                return Optional.empty();
            }
        } else if (operations.size() > 1) {
            problems.add(spec.field("operationName"), describe(spec) + " has " + operations.size()
                    + " operations (" + names(operations) + "); set operationName to the one to run");
            return Optional.empty();
        } else {
            chosen = Optional.of(operations.get(0));
        }
        if (chosen.get().getOperation() != OperationDefinition.Operation.QUERY) {
            problems.add(spec.field("query"), describe(spec) + ": operation "
                    + nameOf(chosen.get()) + " is a " + chosen.get().getOperation().name().toLowerCase()
                    + "; only queries can be synced");
            return Optional.empty();
        }
        return chosen;
    }

    private static String names(List<OperationDefinition> operations) {
        return operations.stream().map(QueryDocumentCheck::nameOf).collect(Collectors.joining(", "));
    }

    private static String nameOf(OperationDefinition operation) {
        return operation.getName() == null ? "(anonymous)" : "'" + operation.getName() + "'";
    }

    private static Map<String, FragmentDefinition> fragments(
            QuerySpec spec, Document document, ConfigProblems problems) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            if (fragments.put(fragment.getName(), fragment) != null) {
                problems.add(spec.field("query"), describe(spec) + " defines fragment '" + fragment.getName()
                        + "' twice");
            }
        }
        return fragments;
    }

    private static void checkFragmentSpreads(QuerySpec spec, SelectionSet set,
            Map<String, FragmentDefinition> fragments, Set<String> visited, ConfigProblems problems) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                checkFragmentSpreads(spec, field.getSelectionSet(), fragments, visited, problems);
            } else if (selection instanceof InlineFragment inline) {
                checkFragmentSpreads(spec, inline.getSelectionSet(), fragments, visited, problems);
            } else if (selection instanceof FragmentSpread spread && visited.add(spread.getName())) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment == null) {
                    problems.add(spec.field("query"), describe(spec) + " spreads fragment '" + spread.getName()
                            + "', which the document does not define");
                } else {
                    checkFragmentSpreads(spec, fragment.getSelectionSet(), fragments, visited, problems);
                }
            }
        }
    }

    // ---- variables -------------------------------------------------------------------------------------------

    private enum Slot {
        PAGE_SIZE("page size", "an Int"),
        OFFSET("offset", "an Int"),
        CURSOR("cursor", "a nullable String or ID (the first page is requested without one)"),
        SINCE("since", "a nullable String or date-time scalar (full syncs send none)");

        private final String purpose;
        private final String expected;

        Slot(String purpose, String expected) {
            this.purpose = purpose;
            this.expected = expected;
        }
    }

    private static void checkVariables(QuerySpec spec, OperationDefinition operation, ConfigProblems problems) {
        Map<String, VariableDefinition> declared = new LinkedHashMap<>();
        operation.getVariableDefinitions().forEach(definition -> declared.put(definition.getName(), definition));

        Map<String, String> supplied = new LinkedHashMap<>();
        switch (spec.pagination()) {
            case OFFSET -> {
                requireVariable(spec, "pageSizeVariable", spec.pageSizeVariable(), Slot.PAGE_SIZE, declared, problems);
                requireVariable(spec, "offsetVariable", spec.offsetVariable(), Slot.OFFSET, declared, problems);
                supplied.put(spec.pageSizeVariable(), "pageSizeVariable");
                supplied.put(spec.offsetVariable(), "offsetVariable");
            }
            case CURSOR -> {
                requireVariable(spec, "pageSizeVariable", spec.pageSizeVariable(), Slot.PAGE_SIZE, declared, problems);
                requireVariable(spec, "cursorVariable", spec.cursorVariable(), Slot.CURSOR, declared, problems);
                supplied.put(spec.pageSizeVariable(), "pageSizeVariable");
                supplied.put(spec.cursorVariable(), "cursorVariable");
            }
            case NONE -> {
            }
        }
        spec.sinceVariable().ifPresent(since -> {
            requireVariable(spec, "sinceVariable", since, Slot.SINCE, declared, problems);
            supplied.put(since, "sinceVariable");
        });
        for (String name : spec.variables().keySet()) {
            if (supplied.containsKey(name)) {
                problems.add(spec.field("variables"), describe(spec) + ": variable $" + name
                        + " is set by the connector (" + supplied.get(name) + "); remove it from variables");
            } else if (!declared.containsKey(name)) {
                problems.add(spec.field("variables"), describe(spec) + ": variable $" + name
                        + " is not declared by the operation (declared: " + dollarNames(declared.keySet()) + ")");
            }
        }
        for (VariableDefinition definition : declared.values()) {
            String name = definition.getName();
            boolean required = definition.getType() instanceof NonNullType && definition.getDefaultValue() == null;
            if (required && !supplied.containsKey(name) && !spec.variables().containsKey(name)) {
                problems.add(spec.field("variables"), describe(spec) + ": the operation requires $" + name + " ("
                        + typeText(definition.getType()) + ") but nothing supplies it; add it to variables");
            }
        }
    }

    private static String dollarNames(Set<String> names) {
        return names.isEmpty() ? "none" : names.stream().map(name -> "$" + name).collect(Collectors.joining(", "));
    }

    private static void requireVariable(QuerySpec spec, String setting, String name, Slot slot,
            Map<String, VariableDefinition> declared, ConfigProblems problems) {
        VariableDefinition definition = declared.get(name);
        if (definition == null) {
            problems.add(spec.field(setting), describe(spec) + ": the " + slot.purpose + " variable $" + name
                    + " is not declared in the operation; "
                    + (slot == Slot.SINCE ? "server-side incremental sync" : spec.pagination().configName()
                    + " pagination") + " needs it as " + slot.expected + " (declared: "
                    + dollarNames(declared.keySet()) + ")");
            return;
        }
        Type<?> type = definition.getType();
        boolean nonNull = type instanceof NonNullType;
        Type<?> inner = nonNull ? ((NonNullType) type).getType() : type;
        boolean compatible;
        if (inner instanceof ListType || !(inner instanceof TypeName typeName)) {
            compatible = false;
        } else {
            String base = typeName.getName();
            compatible = switch (slot) {
                case PAGE_SIZE, OFFSET -> base.equals("Int");
                case CURSOR, SINCE -> !NON_TEXT_SCALARS.contains(base)
                        && (!nonNull || definition.getDefaultValue() != null);
            };
        }
        if (!compatible) {
            problems.add(spec.field(setting), describe(spec) + ": variable $" + name + " is declared as "
                    + typeText(type) + " but the " + slot.purpose + " variable must be " + slot.expected);
        }
    }

    private static String typeText(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return typeText(nonNull.getType()) + "!";
        }
        if (type instanceof ListType list) {
            return "[" + typeText(list.getType()) + "]";
        }
        return ((TypeName) type).getName();
    }

    // ---- selections --------------------------------------------------------------------------------------------

    private static void checkSelections(QuerySpec spec, SelectionSet root, Map<String, FragmentDefinition> fragments,
            ConfigProblems problems) {
        Optional<List<SelectionSet>> list = follow(spec, "dataPath", spec.dataPath(), List.of(root), fragments,
                problems);
        if (list.isPresent()) {
            Optional<List<SelectionSet>> records = spec.nodePath().isEmpty() ? list
                    : follow(spec, "nodePath", spec.nodePath().get(), list.get(), fragments, problems);
            records.ifPresent(sets -> {
                if (sets.isEmpty()) {
                    problems.add(spec.field(spec.nodePath().isPresent() ? "nodePath" : "dataPath"), describe(spec)
                            + ": the records must be objects with a selection set, but the path ends at a leaf");
                    return;
                }
                Set<String> recordFields = fieldNames(sets, fragments);
                for (String key : spec.primaryKey()) {
                    if (!recordFields.contains(key)) {
                        problems.add(spec.field("primaryKey"), describe(spec) + ": primary-key field '" + key
                                + "' is not selected for each record (selected: " + String.join(", ", recordFields)
                                + ")");
                    }
                }
                spec.cursorField().filter(field -> !recordFields.contains(field)).ifPresent(field ->
                        problems.add(spec.field("cursorField"), describe(spec) + ": cursor field '" + field
                                + "' is not selected for each record (selected: " + String.join(", ", recordFields)
                                + ")"));
            });
        }
        spec.hasNextPagePath().ifPresent(path ->
                follow(spec, "hasNextPagePath", path, List.of(root), fragments, problems));
        spec.cursorPath().ifPresent(path -> follow(spec, "cursorPath", path, List.of(root), fragments, problems));
        spec.totalCountPath().ifPresent(path ->
                follow(spec, "totalCountPath", path, List.of(root), fragments, problems));
    }

    /**
     * Follows {@code path} through the selection sets; returns the selection sets of the fields reached (empty list
     * for a leaf), or empty after reporting a problem.
     */
    private static Optional<List<SelectionSet>> follow(QuerySpec spec, String setting, JsonPath path,
            List<SelectionSet> start, Map<String, FragmentDefinition> fragments, ConfigProblems problems) {
        List<SelectionSet> current = start;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (current.isEmpty()) {
                problems.add(spec.field(setting), describe(spec) + ": path '" + path + "' continues past the leaf '"
                        + segments.get(i - 1) + "', which has no sub-selection");
                return Optional.empty();
            }
            List<Field> matches = new ArrayList<>();
            collectFields(current, fragments, new HashSet<>(), matches);
            List<Field> named = matches.stream().filter(field -> responseKey(field).equals(segment)).toList();
            if (named.isEmpty()) {
                String selected = matches.stream().map(QueryDocumentCheck::responseKey).distinct()
                        .collect(Collectors.joining(", "));
                problems.add(spec.field(setting), describe(spec) + ": path '" + path + "' expects field '" + segment
                        + "' " + (i == 0 ? "at the top of the operation" : "under '" + segments.get(i - 1) + "'")
                        + ", but the query selects only: " + selected + " (paths are relative to the response's data"
                        + " object)");
                return Optional.empty();
            }
            current = named.stream().map(Field::getSelectionSet).filter(set -> set != null).toList();
        }
        return Optional.of(current);
    }

    private static Set<String> fieldNames(List<SelectionSet> sets, Map<String, FragmentDefinition> fragments) {
        List<Field> fields = new ArrayList<>();
        collectFields(sets, fragments, new HashSet<>(), fields);
        return fields.stream().map(QueryDocumentCheck::responseKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void collectFields(List<SelectionSet> sets, Map<String, FragmentDefinition> fragments,
            Set<String> visitedFragments, List<Field> out) {
        for (SelectionSet set : sets) {
            for (Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    out.add(field);
                } else if (selection instanceof InlineFragment inline) {
                    collectFields(List.of(inline.getSelectionSet()), fragments, visitedFragments, out);
                } else if (selection instanceof FragmentSpread spread && visitedFragments.add(spread.getName())) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null) {
                        collectFields(List.of(fragment.getSelectionSet()), fragments, visitedFragments, out);
                    }
                }
            }
        }
    }

    private static String responseKey(Field field) {
        return field.getAlias() != null ? field.getAlias() : field.getName();
    }
}
