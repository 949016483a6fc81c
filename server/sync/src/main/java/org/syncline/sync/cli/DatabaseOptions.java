package org.syncline.sync.cli;

import org.syncline.sync.state.JobStorageProvider;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The database a command uses, as a picocli mixin: {@code --db URL} or {@code --db-profile FILE},
 * else the installation's configured database.
 */
final class DatabaseOptions {

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL of the database keeping state and run history (default: database.url of conf/syncline.properties, else the embedded H2 file under $SYNCLINE_HOME/data).")
    String url;

    @Option(names = "--db-profile", paramLabel = "FILE", description = "Database profile file with database.url, database.user and database.password.")
    Path profile;

    /** Whether the user chose a database other than the installation's. */
    boolean chosen() {
        return url != null || profile != null;
    }

    /** The choice, a relative profile file resolved in {@code workingDirectory}. */
    JobStorageProvider.Choice choice(Path workingDirectory) {
        return new JobStorageProvider.Choice(url, profile == null ? null : workingDirectory.resolve(profile));
    }
}
