package org.syncline.persistence.tests;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.syncline.persistence.DatabaseProfile;

/** The persistence suite on a real PostgreSQL 15 cluster started by the tests. */
class PostgresPersistenceTest extends PersistenceContract {

    @Override
    DatabaseProfile newDatabase(Path folder, ExtensionContext context) throws Exception {
        PostgresCluster cluster = PostgresCluster.get(context);
        return DatabaseProfile.postgresql("127.0.0.1", cluster.port(), cluster.createDatabase(), cluster.user(), cluster.password(),
                folder.resolve("secret.key"));
    }
}
