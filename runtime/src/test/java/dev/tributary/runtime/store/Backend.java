package dev.tributary.runtime.store;

/** The store backends every store test runs against. */
enum Backend {
    SQLITE,
    POSTGRESQL
}
