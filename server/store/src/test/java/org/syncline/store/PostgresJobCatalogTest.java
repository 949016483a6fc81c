package org.syncline.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.tests.ContextResolver;
import org.syncline.persistence.tests.PostgresCluster;

/** Jobs on a real PostgreSQL started for the test run (fails under CI=true when it is not installed). */
@ExtendWith(ContextResolver.class)
class PostgresJobCatalogTest extends JobCatalogContract {

    private PostgresCluster cluster;

    @BeforeEach
    void startCluster(ExtensionContext context) {
        cluster = PostgresCluster.get(context);
    }

    @Override
    DatabaseProfile newDatabase() throws Exception {
        return DatabaseProfile.postgresql("127.0.0.1", cluster.port(), cluster.createDatabase(), cluster.user(),
                cluster.password(), folder.resolve("secret.key"));
    }
}
