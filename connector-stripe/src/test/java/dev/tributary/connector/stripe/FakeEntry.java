package dev.tributary.connector.stripe;

import com.google.gson.JsonObject;

/**
 * An object or event held by the fake Stripe.
 *
 * @param id its id
 * @param created its {@code created} time, Unix seconds
 * @param seq the fake's creation counter, which orders objects created in the same second
 * @param json the object as served (mutable: the fake updates it in place)
 */
record FakeEntry(String id, long created, long seq, JsonObject json) {
}
