package dev.tributary.runtime.typing;

/**
 * A batch would change a typed table whose data source's {@code schema_contract} is {@code freeze}; the entity fails
 * and nothing of the batch is written. The message names the field, the table and what to do.
 */
public final class SchemaContractException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String field;

    SchemaContractException(String table, String field, String message) {
        super(message);
        this.table = table;
        this.field = field;
    }

    /** The table the batch would have changed. */
    public String table() {
        return table;
    }

    /** The source path of the field at fault, e.g. {@code address.city}. */
    public String field() {
        return field;
    }
}
