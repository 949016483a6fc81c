package org.syncline.persistence.tests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.syncline.persistence.DatabaseKind;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.internal.DataSources;

/**
 * Closes an embedded database a test opened in its temporary folder. Opened through Syncline, it
 * stays open for the JVM's life, and H2 re-creates its lock file when it is deleted, which can make
 * the deletion of the folder fail: shut it down before the folder goes.
 */
public final class EmbeddedH2 {

    private EmbeddedH2() {
    }

    /** Shuts the database of {@code profile} down in this JVM if it is an H2 file; other kinds hold nothing open. */
    public static void shutDown(DatabaseProfile profile) throws SQLException {
        if (profile == null || profile.kind() != DatabaseKind.H2_FILE) {
            return;
        }
        try (Connection connection = DataSources.create(profile).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
