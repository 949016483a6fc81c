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
 * @param keptStates the jobs' saved states the engine keeps in memory between runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseHealth(String status, String kind, String product, String productVersion,
        String schemaVersion, String message, KeptStates keptStates) {

    /**
     * The saved states kept in memory ({@link org.syncline.store.SavedStateCache}).
     *
     * @param paths job paths whose whole saved state is kept
     * @param rows state rows kept
     * @param maxRows how many rows may be kept ({@code syncline.savedStateCache.maxRows})
     * @param foldersServed folders runs were given from memory since the engine started
     * @param foldersRead folders runs read from the database since the engine started
     */
    public record KeptStates(int paths, long rows, long maxRows, long foldersServed, long foldersRead) {
    }
}
