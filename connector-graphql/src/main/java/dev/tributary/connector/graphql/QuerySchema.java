package dev.tributary.connector.graphql;

import dev.tributary.connector.graphql.IntrospectedTypes.FieldInfo;
import dev.tributary.connector.graphql.IntrospectedTypes.TypeRef;
import dev.tributary.spi.schema.EntitySchema;
import dev.tributary.spi.schema.FieldType;
import dev.tributary.spi.schema.SchemaField;
import dev.tributary.spi.schema.ValueFormat;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Derives one query's {@link EntitySchema} from the server's introspected types: follows {@code dataPath} and
 * {@code nodePath} through the query's selections to the record type, then declares exactly the fields the query
 * selects there (aliases as named in the response), with their GraphQL types mapped by {@link ScalarTypes}, non-null
 * as not nullable unless {@code @include}/{@code @skip} or a fragment on one member of an interface or union may
 * leave the field out, objects as nested fields, lists of objects with their element fields and descriptions from the
 * schema. A selected field the server's schema does not know is left undeclared (the runtime infers it) and reported
 * in {@link Result#problems()}. Stateless; one instance per discovery.
 */
final class QuerySchema {

    /** The derived schema (empty when the record type cannot be reached) and what could not be typed. */
    record Result(Optional<EntitySchema> schema, List<String> problems) {
        Result {
            problems = List.copyOf(problems);
        }
    }

    private final IntrospectedTypes types;
    private final ScalarTypes scalars;
    private final List<String> problems = new ArrayList<>();
    private Map<String, FragmentDefinition> fragments = Map.of();

    QuerySchema(IntrospectedTypes types, ScalarTypes scalars) {
        this.types = types;
        this.scalars = scalars;
    }

    /** Derives the schema of {@code spec}'s records; the document was already checked by {@link QueryDocumentCheck}. */
    Result derive(QuerySpec spec) {
        problems.clear();
        Document document = Parser.parse(spec.query());
        fragments = new HashMap<>();
        OperationDefinition operation = null;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            } else if (definition instanceof OperationDefinition candidate && (spec.operationName().isEmpty()
                    || spec.operationName().get().equals(candidate.getName()))) {
                operation = candidate;
            }
        }
        if (operation == null) {
            problems.add("the query's operation was not found");
            return new Result(Optional.empty(), problems);
        }
        Optional<Located> records = follow(new Located(types.queryType(), operation.getSelectionSet()),
                spec.dataPath().segments(), "dataPath");
        if (records.isPresent() && spec.nodePath().isPresent()) {
            records = follow(records.get(), spec.nodePath().get().segments(), "nodePath");
        }
        return new Result(records.map(at -> new EntitySchema(fieldsOf(at))), problems);
    }

    /** A selection set and the named type it selects on. */
    private record Located(String type, SelectionSet selections) {
    }

    private Optional<Located> follow(Located start, List<String> path, String setting) {
        Located at = start;
        for (String segment : path) {
            Optional<Selected> next = selected(at).stream().filter(s -> s.key().equals(segment)).findFirst();
            Optional<FieldInfo> info = next.flatMap(this::info);
            if (next.isEmpty() || info.isEmpty() || next.get().field().getSelectionSet() == null) {
                problems.add(setting + " segment '" + segment + "' is not an object field selected on type "
                        + at.type() + " in the server's schema");
                return Optional.empty();
            }
            at = new Located(namedType(info.get().type()), next.get().field().getSelectionSet());
        }
        return Optional.of(at);
    }

    /**
     * A field selection and the type it was selected on (which differs from the parent's inside fragments).
     *
     * @param always whether every response has the field: false under {@code @include}/{@code @skip}, or under a
     *     fragment whose type condition only some values of an interface or union meet
     */
    private record Selected(Field field, String owner, boolean always) {
        String key() {
            return field.getAlias() != null ? field.getAlias() : field.getName();
        }
    }

    /**
     * The fields selected at {@code at}, once per response key, as the server merges them: in the position of the
     * first selection, always there if any one selection is, and with the sub-selections of all of them (so
     * {@code homeworld { name }} plus a fragment's {@code homeworld { diameter }} declares both).
     */
    private List<Selected> selected(Located at) {
        List<Selected> out = new ArrayList<>();
        collect(at.selections(), at.type(), true, out, new HashSet<>());
        Map<String, Selected> byKey = new LinkedHashMap<>();
        for (Selected selection : out) {
            byKey.merge(selection.key(), selection, QuerySchema::merge);
        }
        return List.copyOf(byKey.values());
    }

    private static Selected merge(Selected first, Selected later) {
        Field field = first.field();
        SelectionSet laterSet = later.field().getSelectionSet();
        if (field.getSelectionSet() != null && laterSet != null) {
            List<Selection<?>> both = new ArrayList<>();
            for (SelectionSet set : List.of(field.getSelectionSet(), laterSet)) {
                for (Selection<?> selection : set.getSelections()) {
                    both.add(selection);
                }
            }
            SelectionSet merged = SelectionSet.newSelectionSet(both).build();
            field = field.transform(builder -> builder.selectionSet(merged));
        }
        return new Selected(field, first.owner(), first.always() || later.always());
    }

    private void collect(SelectionSet set, String owner, boolean always, List<Selected> out, Set<String> spreading) {
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                out.add(new Selected(field, owner, always && !conditional(field.getDirectives())));
            } else if (selection instanceof InlineFragment inline) {
                String on = inline.getTypeCondition() == null ? owner : inline.getTypeCondition().getName();
                collect(inline.getSelectionSet(), on, always && appliesToAll(on, owner)
                        && !conditional(inline.getDirectives()), out, spreading);
            } else if (selection instanceof FragmentSpread spread && spreading.add(spread.getName())) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null) {
                    String on = fragment.getTypeCondition().getName();
                    collect(fragment.getSelectionSet(), on, always && appliesToAll(on, owner)
                            && !conditional(spread.getDirectives()), out, spreading);
                }
                spreading.remove(spread.getName());
            }
        }
    }

    /** Whether {@code @include} or {@code @skip} may leave the selection out of a response. */
    private static boolean conditional(List<Directive> directives) {
        return directives.stream().anyMatch(d -> d.getName().equals("include") || d.getName().equals("skip"));
    }

    /**
     * Whether a fragment on type {@code on} applies to every value of type {@code owner}: the same type, or an
     * object type (a valid fragment on an object names the object or an interface or union it belongs to). A
     * fragment on one member of an interface or union applies only to some values.
     */
    private boolean appliesToAll(String on, String owner) {
        return on.equals(owner) || types.type(owner).map(type -> type.kind().equals("OBJECT")).orElse(false);
    }

    private Optional<FieldInfo> info(Selected selected) {
        return types.type(selected.owner()).flatMap(type -> Optional.ofNullable(type.fields()
                .get(selected.field().getName())));
    }

    private List<SchemaField> fieldsOf(Located at) {
        List<SchemaField> fields = new ArrayList<>();
        for (Selected selected : selected(at)) {
            if (selected.field().getName().equals("__typename")) {
                SchemaField typename = SchemaField.string(selected.key()).withDescription("The GraphQL type name.");
                fields.add(selected.always() ? typename.notNull() : typename);
                continue;
            }
            Optional<FieldInfo> info = info(selected);
            if (info.isEmpty()) {
                problems.add("field '" + selected.field().getName() + "' is not in type " + selected.owner()
                        + " of the server's schema; its column is inferred");
                continue;
            }
            fields.add(declare(selected, info.get()));
        }
        return fields;
    }

    private SchemaField declare(Selected selected, FieldInfo info) {
        TypeRef type = info.type();
        boolean nonNull = type.kind().equals("NON_NULL");
        TypeRef bare = nonNull ? type.ofType().orElseThrow() : type;
        SchemaField field = switch (bare.kind()) {
            case "LIST" -> list(selected, bare.ofType().orElseThrow());
            case "OBJECT", "INTERFACE" -> new SchemaField(selected.key(), FieldType.OBJECT, true, "",
                    nested(selected, bare), ValueFormat.DEFAULT);
            case "SCALAR" -> SchemaField.of(selected.key(), scalars.typeOf(bare.name().orElseThrow()))
                    .withFormat(scalars.formatOf(bare.name().orElseThrow()));
            case "ENUM" -> SchemaField.string(selected.key());
            default -> SchemaField.json(selected.key());
        };
        String description = firstLine(info.description());
        field = description.isEmpty() ? field : field.withDescription(description);
        return nonNull && selected.always() ? field.notNull() : field;
    }

    private SchemaField list(Selected selected, TypeRef element) {
        TypeRef bare = element.kind().equals("NON_NULL") ? element.ofType().orElseThrow() : element;
        if (bare.kind().equals("OBJECT") || bare.kind().equals("INTERFACE")) {
            return new SchemaField(selected.key(), FieldType.ARRAY, true, "", nested(selected, bare),
                    ValueFormat.DEFAULT);
        }
        // Lists of scalars, enums, unions or lists are kept whole as JSON.
        return SchemaField.array(selected.key());
    }

    private List<SchemaField> nested(Selected selected, TypeRef objectType) {
        SelectionSet selections = selected.field().getSelectionSet();
        if (selections == null) {
            return List.of();
        }
        return fieldsOf(new Located(objectType.name().orElseThrow(), selections));
    }

    private static String namedType(TypeRef type) {
        TypeRef current = type;
        while (current.name().isEmpty()) {
            current = current.ofType().orElseThrow();
        }
        return current.name().get();
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }
}
