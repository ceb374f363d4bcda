package dev.tributary.destination.support;

import dev.tributary.spi.destination.ColumnType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** A {@link MetadataDialect} of SQLite for the tests, optionally recording native types and running a marker first. */
record SqliteMetadata(boolean recordsNativeTypes) implements MetadataDialect {

    static Connection open(Path directory) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("test.db"));
    }

    @Override
    public String serialPrimaryKey(String column, String sequence) {
        return quote(column) + " INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    /** SQLite has no sequences: a table of the sequence's name shows the statement ran, with the qualified name. */
    @Override
    public List<String> createSequence(String sequence) {
        return recordsNativeTypes ? List.of("CREATE TABLE IF NOT EXISTS " + sequence + " (n INTEGER)") : List.of();
    }

    @Override
    public String nativeType(ColumnType type) {
        return "SQLITE_" + type.name();
    }
}
