package org.syncline.store;

import org.syncline.persistence.DatabaseProfile;

/** Jobs on the embedded default: an H2 file with AUTO_SERVER=TRUE. */
class H2FileJobCatalogTest extends JobCatalogContract {

    @Override
    DatabaseProfile newDatabase() {
        return DatabaseProfile.h2File(folder.resolve("db").resolve("syncline"), folder.resolve("secret.key"));
    }
}
