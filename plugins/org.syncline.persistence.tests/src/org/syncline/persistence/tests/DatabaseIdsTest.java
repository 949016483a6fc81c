package org.syncline.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseKind;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.internal.DatabaseIds;

/** The mappers' dialect is known from the profile before connecting (they are read while it connects). */
class DatabaseIdsTest {

    private static final Path KEY = Path.of("secret.key");

    @Test
    void eachKindOfDatabaseSpeaksItsDialect() {
        assertEquals("h2", DatabaseIds.of(DatabaseProfile.h2File(Path.of("data", "syncline"), KEY)));
        assertEquals("h2", DatabaseIds.of(DatabaseProfile.h2Server("127.0.0.1", 9092, "syncline", "sa", Secret.of(""), KEY)));
        assertEquals("postgresql", DatabaseIds.of(DatabaseProfile.postgresql("127.0.0.1", 5432, "syncline", "u", Secret.of("p"), KEY)));
        assertEquals("sqlserver", DatabaseIds.of(DatabaseProfile.sqlServer("127.0.0.1", 1433, "syncline", "u", Secret.of("p"), KEY)));
    }

    @Test
    void h2InSqlServerModeRunsTheSqlServerStatements() {
        assertEquals("sqlserver", DatabaseIds.of(new DatabaseProfile(DatabaseKind.H2_FILE,
                "jdbc:h2:file:/tmp/syncline;mode=MSSQLServer;AUTO_SERVER=TRUE", "sa", Secret.of(""), KEY)));
        assertEquals("h2", DatabaseIds.of(new DatabaseProfile(DatabaseKind.H2_FILE,
                "jdbc:h2:file:/tmp/mode-mssqlserver;AUTO_SERVER=TRUE", "sa", Secret.of(""), KEY)));
    }
}
