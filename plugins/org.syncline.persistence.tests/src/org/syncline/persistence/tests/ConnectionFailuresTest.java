package org.syncline.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.DatabaseUnavailableException;
import org.syncline.persistence.DatabaseUnavailableException.Reason;

/** Opening a database that cannot be used tells the user why, in words. */
@ExtendWith(ContextResolver.class)
class ConnectionFailuresTest {

    @TempDir
    Path folder;

    @Test
    void wrongPassword(ExtensionContext context) throws Exception {
        PostgresCluster cluster = PostgresCluster.get(context);
        DatabaseProfile profile = DatabaseProfile.postgresql("127.0.0.1", cluster.port(), cluster.createDatabase(), cluster.user(),
                Secret.of("not-the-password"), folder.resolve("key"));
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, () -> Databases.open(profile));
        assertEquals(Reason.WRONG_LOGIN, error.reason());
        assertEquals("The PostgreSQL database at 127.0.0.1:" + cluster.port() + " refused user 'syncline': the user name or password is wrong.",
                error.getMessage());
    }

    @Test
    void missingDatabase(ExtensionContext context) {
        PostgresCluster cluster = PostgresCluster.get(context);
        DatabaseProfile profile = DatabaseProfile.postgresql("127.0.0.1", cluster.port(), "no_such_database", cluster.user(),
                cluster.password(), folder.resolve("key"));
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, () -> Databases.open(profile));
        assertEquals(Reason.MISSING_DATABASE, error.reason());
        assertEquals("There is no database 'no_such_database' on the PostgreSQL server at 127.0.0.1:" + cluster.port()
                + ". Check the name, or have the database created first.", error.getMessage());
    }

    @Test
    void unreachablePostgresServer() throws IOException {
        int port = closedPort();
        DatabaseProfile profile = DatabaseProfile.postgresql("127.0.0.1", port, "syncline", "syncline", Secret.of("x"), folder.resolve("key"));
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, () -> Databases.open(profile));
        assertEquals(Reason.UNREACHABLE, error.reason());
        assertEquals("Cannot reach the PostgreSQL server at 127.0.0.1:" + port + ". Check the host name and port, and that the server"
                + " is running and accepts connections from this machine.", error.getMessage());
    }

    @Test
    void unreachableH2Server() throws IOException {
        int port = closedPort();
        DatabaseProfile profile = DatabaseProfile.h2Server("127.0.0.1", port, "syncline", "sa", Secret.of("x"), folder.resolve("key"));
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, () -> Databases.open(profile));
        assertEquals(Reason.UNREACHABLE, error.reason(), error.getMessage());
    }

    @Test
    void wrongPasswordOnH2File() {
        DatabaseProfile created = DatabaseProfile.h2File(folder.resolve("db"), folder.resolve("key"));
        Databases.open(created);
        DatabaseProfile wrong = new DatabaseProfile(created.kind(), created.url(), "sa", Secret.of("guess"), created.keyFile());
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, () -> Databases.open(wrong));
        assertEquals(Reason.WRONG_LOGIN, error.reason(), error.getMessage());
    }

    @Test
    void h2FileInAFolderThatIsAFile() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("data"), "not a folder");
        DatabaseProfile profile = DatabaseProfile.h2File(notAFolder.resolve("syncline"), folder.resolve("key"));
        DatabaseUnavailableException error = assertThrows(DatabaseUnavailableException.class, () -> Databases.open(profile));
        assertEquals("Cannot create the folder " + notAFolder + " for the database file: " + notAFolder
                + " is a file, not a folder. Move that file away or choose another database location.", error.getMessage());
        assertEquals("not a folder", Files.readString(notAFolder));
    }

    @Test
    void h2FileInFoldersNotYetMade() {
        Path nested = folder.resolve("a/b/syncline");
        Databases.open(DatabaseProfile.h2File(nested, folder.resolve("key")));
        assertTrue(Files.isRegularFile(nested.resolveSibling("syncline.mv.db")));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
