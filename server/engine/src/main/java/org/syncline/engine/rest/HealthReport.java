package org.syncline.engine.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.syncline.engine.DatabaseHealth;
import org.syncline.sync.replica.ChangeJournals;

/**
 * The body of {@code GET /api/v1/health}.
 *
 * @param status {@value #UP} while the engine serves requests
 * @param name the engine's configured name
 * @param version the Syncline release
 * @param startedAt when the engine started, ISO-8601 in UTC
 * @param database the shared database as of this request; absent for an engine run without one
 *     (tests)
 * @param changeJournals what the engine remembers of the local folders its runs scanned; absent
 *     while it does not take runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthReport(String status, String name, String version, String startedAt, DatabaseHealth database,
        Journals changeJournals) {

    public static final String UP = "UP";

    /**
     * The change journals' part.
     *
     * @param trees local folder trees whose changes the engine follows
     * @param watchedFolders folders the kernel reports the changes of (all of the user's programs
     *     share {@code fs.inotify.max_user_watches})
     * @param rememberedEntries entries the next runs can be given from memory
     * @param rememberedHashes files whose content hash the engine knows without reading them again
     *     (read whole by a run, unchanged since)
     * @param scannedInFullBecause why every local folder is scanned in full on every run; absent
     *     while the engine follows changes
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Journals(int trees, int watchedFolders, long rememberedEntries, long rememberedHashes,
                           String scannedInFullBecause) {

        static Journals of(ChangeJournals.Status status) {
            return status == null ? null : new Journals(status.trees(), status.watchedFolders(),
                    status.rememberedEntries(), status.rememberedHashes(), status.scannedInFullBecause());
        }
    }
}
