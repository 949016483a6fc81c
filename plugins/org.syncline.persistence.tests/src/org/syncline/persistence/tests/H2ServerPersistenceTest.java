package org.syncline.persistence.tests;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseProfile;

/** The persistence suite on an H2 TCP server started by the tests. */
class H2ServerPersistenceTest extends PersistenceContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    DatabaseProfile newDatabase(Path folder, ExtensionContext context) {
        H2TcpServer server = H2TcpServer.get(context);
        return DatabaseProfile.h2Server("127.0.0.1", server.port(), "syncline" + DATABASES.incrementAndGet(), "sa",
                Secret.of("h2-server-password"), folder.resolve("secret.key"));
    }
}
