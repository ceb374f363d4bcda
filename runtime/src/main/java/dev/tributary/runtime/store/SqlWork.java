package dev.tributary.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on one connection inside one transaction; see {@link Store#inTransaction}. */
@FunctionalInterface
interface SqlWork<T> {

    /** Does the work; throwing rolls the transaction back. */
    T run(Connection connection) throws SQLException;
}
