/**
 * The Close CRM connector (id {@code close}): leads, opportunities, activities, contacts, users and custom fields
 * read from Close's REST API with {@code _skip}/{@code _limit} paging, narrowed by date when Close caps
 * {@code _skip}, and incremental where Close can filter by date. Everything except {@link
 * dev.tributary.connector.close.CloseConnector} is an implementation detail.
 */
package dev.tributary.connector.close;
