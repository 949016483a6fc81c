package org.syncline.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.syncline.model.FileAction;
import org.syncline.model.FileActionKind;
import org.syncline.model.FileActionOutcome;
import org.syncline.model.Run;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.internal.DataSources;

/** The persistence suite on the embedded default: H2 in a file with AUTO_SERVER=TRUE. */
class H2FilePersistenceTest extends PersistenceContract {

    @Override
    DatabaseProfile newDatabase(Path folder, ExtensionContext context) {
        return DatabaseProfile.h2File(folder.resolve("syncline"), folder.resolve("secret.key"));
    }

    /**
     * The file log's ids come in large blocks (changes-10.xml), and a database stopped without
     * closing it, as by a killed process, goes on logging after the rows it had (no id of the
     * block that was open is handed out again: the key would refuse it).
     */
    @Test
    void fileLogIdsComeInBlocksAndLoggingGoesOnAfterAStopWithoutClosing() throws Exception {
        SynclineDatabase database = Databases.open(profile);
        Run run = startedRun(database);
        database.runs().appendActions(run, actions("before-1", "before-2"));
        try (Connection connection = DataSources.create(profile).getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet cache = statement.executeQuery("SELECT identity_cache FROM information_schema.columns"
                    + " WHERE table_name = 'FILE_ACTION' AND column_name = 'ID'")) {
                assertTrue(cache.next());
                assertEquals(65536, cache.getLong(1));
            }
            statement.execute("SHUTDOWN IMMEDIATELY");
        }

        SynclineDatabase reopened = Databases.open(profile);
        reopened.runs().appendActions(run, actions("after-1"));

        List<String> paths = new ArrayList<>();
        reopened.runs().forEachAction(run.getId(), false, action -> paths.add(action.getRelativePath()));
        assertEquals(List.of("before-1", "before-2", "after-1"), paths, "the committed rows survive, in the order logged");
    }

    private static List<FileAction> actions(String... paths) {
        List<FileAction> actions = new ArrayList<>();
        for (String path : paths) {
            FileAction action = SynclineFactory.eINSTANCE.createFileAction();
            action.setKind(FileActionKind.COPY);
            action.setRelativePath(path);
            action.setOutcome(FileActionOutcome.DONE);
            actions.add(action);
        }
        return actions;
    }
}
