package dev.tributary.connector.graphql;

import dev.tributary.spi.error.PermanentException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's types as its introspection ({@code __schema}) describes them: for each object and interface type its
 * fields with their type references and descriptions. Built from the {@code data} of {@link #QUERY}; immutable.
 *
 * @param queryType the name of the query root type
 * @param types every named type, by name
 */
record IntrospectedTypes(String queryType, Map<String, TypeInfo> types) {

    /** The introspection query sent: only what typing needs, so servers of any age answer it. */
    static final String QUERY = "query TributaryIntrospection { __schema { queryType { name } types { kind name "
            + "fields(includeDeprecated: true) { name description type { ...TypeRef } } } } }\n"
            + "fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name "
            + "ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

    /** One named type: its kind ({@code OBJECT}, {@code SCALAR}, ...) and, for objects and interfaces, its fields. */
    record TypeInfo(String kind, String name, Map<String, FieldInfo> fields) {
        TypeInfo {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            fields = Map.copyOf(fields);
        }
    }

    /** One field of an object or interface type. */
    record FieldInfo(String name, String description, TypeRef type) {
        FieldInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A type reference: a named type, or {@code NON_NULL}/{@code LIST} wrapping {@link #ofType()}. */
    record TypeRef(String kind, Optional<String> name, Optional<TypeRef> ofType) {
        TypeRef {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ofType, "ofType");
        }
    }

    IntrospectedTypes {
        Objects.requireNonNull(queryType, "queryType");
        types = Map.copyOf(types);
    }

    /** The named type, if the server has it. */
    Optional<TypeInfo> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /**
     * Reads the {@code data} object of an introspection response.
     *
     * @throws PermanentException when the response is not shaped like an introspection result
     */
    static IntrospectedTypes from(Map<String, Object> data) {
        Map<?, ?> schema = map(data.get("__schema"), "__schema");
        String queryType = text(map(schema.get("queryType"), "__schema.queryType").get("name"), "queryType.name");
        if (!(schema.get("types") instanceof List<?> list)) {
            throw malformed("__schema.types is not a list");
        }
        Map<String, TypeInfo> types = new HashMap<>();
        for (Object item : list) {
            Map<?, ?> type = map(item, "__schema.types[]");
            String name = text(type.get("name"), "__schema.types[].name");
            Map<String, FieldInfo> fields = new LinkedHashMap<>();
            if (type.get("fields") instanceof List<?> declared) {
                for (Object entry : declared) {
                    Map<?, ?> field = map(entry, name + ".fields[]");
                    String fieldName = text(field.get("name"), name + ".fields[].name");
                    Object description = field.get("description");
                    fields.put(fieldName, new FieldInfo(fieldName, description == null ? "" : description.toString(),
                            typeRef(field.get("type"), name + "." + fieldName)));
                }
            }
            types.put(name, new TypeInfo(text(type.get("kind"), name + ".kind"), name, fields));
        }
        return new IntrospectedTypes(queryType, types);
    }

    private static TypeRef typeRef(Object value, String where) {
        Map<?, ?> ref = map(value, where + ".type");
        String kind = text(ref.get("kind"), where + ".type.kind");
        Optional<TypeRef> ofType = ref.get("ofType") == null ? Optional.empty()
                : Optional.of(typeRef(ref.get("ofType"), where));
        Optional<String> name = Optional.ofNullable(ref.get("name")).map(Object::toString);
        boolean wrapper = kind.equals("NON_NULL") || kind.equals("LIST");
        if (wrapper ? ofType.isEmpty() : name.isEmpty()) {
            throw malformed(where + " has a " + kind + " type reference without " + (wrapper ? "ofType" : "name")
                    + (wrapper ? " (wrapped more than 8 levels deep?)" : ""));
        }
        return new TypeRef(kind, name, ofType);
    }

    private static Map<?, ?> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw malformed(where + " is not an object");
    }

    private static String text(Object value, String where) {
        if (value == null) {
            throw malformed(where + " is missing");
        }
        return value.toString();
    }

    private static PermanentException malformed(String problem) {
        return new PermanentException("the introspection response is malformed: " + problem);
    }
}
