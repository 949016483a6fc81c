package org.syncline.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.persistence.internal.DataSources;
import org.syncline.persistence.tests.ContextResolver;
import org.syncline.persistence.tests.PostgresCluster;
import org.syncline.sync.cli.JobsCommand;
import org.syncline.sync.cli.RunsCommand;
import org.syncline.sync.cli.SyncCommand;
import picocli.CommandLine;

/**
 * The commands keep their connections to a database server in a pool while they run, and close them
 * when they end, however they end: a one-shot command leaves no connection behind on a shared
 * PostgreSQL (the server would otherwise log each as lost when the process exits).
 */
@ExtendWith(ContextResolver.class)
class CommandConnectionsTest {

    @TempDir
    Path folder;

    private PostgresCluster cluster;
    private String name;
    private Path profile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void shareADatabase(ExtensionContext context) throws Exception {
        cluster = PostgresCluster.get(context);
        name = cluster.createDatabase();
        profile = cluster.writeProfile(name, folder.resolve("shared.properties"), folder.resolve("secret.key"));
    }

    @Test
    void everyCommandClosesItsConnectionsWhenItEnds() throws Exception {
        Path a = Files.createDirectories(folder.resolve("a"));
        Path b = Files.createDirectories(folder.resolve("b"));
        Files.writeString(a.resolve("report.txt"), "report");

        assertEquals(0, run(SyncCommand.commandLine(), a.toString(), b.toString(), "--job", "Reports"), err.toString());
        assertEquals("report", Files.readString(b.resolve("report.txt")));
        assertNoConnectionLeft("after a run");

        assertEquals(2, run(SyncCommand.commandLine(), a.toString(), folder.resolve("gone").toString(), "--job", "Reports"),
                out.toString());
        assertNoConnectionLeft("after a run refused and recorded as such");

        assertEquals(0, run(RunsCommand.commandLine(), "--job", "Reports"), err.toString());
        assertEquals(0, run(RunsCommand.commandLine(), "last"), err.toString());
        assertEquals(0, run(JobsCommand.commandLine()), err.toString());
        assertNoConnectionLeft("after listing runs and jobs");
    }

    private int run(CommandLine command, String... args) {
        return ProfileCommand.execute(command, profile, out, err, args);
    }

    /** The server closes a connection's process shortly after the client ends it: waits up to 10 s. */
    private void assertNoConnectionLeft(String when) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int left;
        while ((left = synclineConnections()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, left, "Syncline's connections to the database " + when);
    }

    private int synclineConnections() throws SQLException {
        return cluster.connections(name, DataSources.APPLICATION_NAME);
    }
}
