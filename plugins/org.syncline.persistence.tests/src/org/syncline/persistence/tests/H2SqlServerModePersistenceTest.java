package org.syncline.persistence.tests;

import java.nio.file.Path;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseKind;
import org.syncline.persistence.DatabaseProfile;

/**
 * The persistence suite on H2 in SQL Server mode, where the mappers use their SQL Server
 * statements: this catches dialect slips, it does not prove SQL Server behaviour (no SQL Server is
 * available to these tests).
 */
class H2SqlServerModePersistenceTest extends PersistenceContract {

    @Override
    DatabaseProfile newDatabase(Path folder, ExtensionContext context) {
        return new DatabaseProfile(DatabaseKind.H2_FILE, "jdbc:h2:file:" + folder.resolve("syncline") + ";MODE=MSSQLServer;AUTO_SERVER=TRUE",
                "sa", Secret.of(""), folder.resolve("secret.key"));
    }

    /** The lease statements run on H2 and PostgreSQL; SQL Server's claim is untested without a SQL Server. */
    @Override
    @Test
    @Disabled("SQL Server's lease claim (MERGE ... WITH (HOLDLOCK) ... OUTPUT) does not parse on H2")
    void aJobLeaseGoesToOneHolderAtATimeOnTheDatabasesClock() {
    }

    @Override
    @Test
    @Disabled("needs SQL Server's lease claim, which does not parse on H2")
    void aRunWritesItsStateOnlyWhileItsClaimIsTheJobs() {
    }
}
