package org.syncline.persistence.tests;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.syncline.persistence.DatabaseProfile;

/** The persistence suite on the embedded default: H2 in a file with AUTO_SERVER=TRUE. */
class H2FilePersistenceTest extends PersistenceContract {

    @Override
    DatabaseProfile newDatabase(Path folder, ExtensionContext context) {
        return DatabaseProfile.h2File(folder.resolve("syncline"), folder.resolve("secret.key"));
    }
}
