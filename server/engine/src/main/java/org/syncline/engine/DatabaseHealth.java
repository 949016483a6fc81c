package org.syncline.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The database part of the health report.
 *
 * @param status {@code UP} when a connection and a query just worked, {@code DOWN} otherwise
 * @param kind the configured kind of database, e.g. {@code H2 database file}
 * @param product the product the driver reports, e.g. {@code H2}; absent when down
 * @param productVersion its version; absent when down
 * @param schemaVersion the last schema change applied; absent when down
 * @param message why it is down; absent when up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseHealth(String status, String kind, String product, String productVersion,
        String schemaVersion, String message) {
}
