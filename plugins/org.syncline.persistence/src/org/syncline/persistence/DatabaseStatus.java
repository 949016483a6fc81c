package org.syncline.persistence;

/**
 * What an open database is, as of one check: for health reports and "about" dialogs.
 *
 * @param product the database product, e.g. {@code H2} or {@code PostgreSQL}
 * @param productVersion the product's version as the driver reports it
 * @param schemaVersion the identifier of the last schema change applied, e.g. {@code 2-run-index}
 */
public record DatabaseStatus(String product, String productVersion, String schemaVersion) {
}
