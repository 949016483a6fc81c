package org.syncline.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.tests.EmbeddedH2;

/** Jobs on the embedded default: an H2 file with AUTO_SERVER=TRUE. */
class H2FileJobCatalogTest extends JobCatalogContract {

    @Override
    DatabaseProfile newDatabase() {
        return DatabaseProfile.h2File(folder.resolve("db").resolve("syncline"), folder.resolve("secret.key"));
    }

    @AfterEach
    void shutDownTheEmbeddedDatabase() throws SQLException {
        EmbeddedH2.shutDown(newDatabase());
    }
}
