package org.syncline.store;

import org.syncline.persistence.DatabaseProfile;

/** The store on the embedded default: an H2 file with AUTO_SERVER=TRUE. */
class H2FileStoreTest extends StoreContract {

    @Override
    DatabaseProfile newDatabase() {
        return DatabaseProfile.h2File(folder.resolve("db").resolve("syncline"), folder.resolve("secret.key"));
    }
}
