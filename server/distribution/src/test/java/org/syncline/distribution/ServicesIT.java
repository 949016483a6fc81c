package org.syncline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.agent.AgentIdentity;
import org.syncline.agent.ServedRoot;
import org.syncline.agent.client.AgentClient;
import org.syncline.persistence.internal.SchemaMigrator;

/**
 * Engine and agent run from the installation as real processes: they come up, answer, and
 * stop cleanly on SIGTERM.
 */
class ServicesIT {

    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final Installation installation = new Installation();

    @TempDir
    Path dir;

    @Test
    void engineAnswersHealthAndStopsCleanlyOnSigterm() throws Exception {
        int port = Installation.freePort();
        Path output = dir.resolve("engine.out");
        Process engine = installation.start(output, "engine", "--port", String.valueOf(port),
                "--name", "it-engine");
        try (HttpClient http = HttpClient.newHttpClient()) {
            JsonNode health = awaitHealth(engine, http, port, output);
            assertEquals("UP", health.path("status").asText());
            assertEquals("it-engine", health.path("name").asText());
            assertEquals(installation.version, health.path("version").asText());
            assertEquals("UP", health.path("database").path("status").asText(), health.toString());
            assertEquals("H2", health.path("database").path("product").asText(), health.toString());
        } finally {
            terminate(engine, output);
        }
        assertCleanStop(engine, output, "engine");
    }

    @Test
    void agentAnswersHelloAndStopsCleanlyOnSigterm() throws Exception {
        Path root = Files.createDirectory(dir.resolve("shared"));
        int port = Installation.freePort();
        Path output = dir.resolve("agent.out");
        Process agent = installation.start(output, "agent", "--port", String.valueOf(port),
                "--name", "it-agent", "--root", "shared=" + root);
        try {
            AgentIdentity identity = awaitHello(agent, port, output);
            assertEquals("it-agent", identity.name());
            assertEquals(installation.version, identity.version());
            assertEquals(List.of(new ServedRoot("shared", root.toAbsolutePath())), identity.roots());
        } finally {
            terminate(agent, output);
        }
        assertCleanStop(agent, output, "agent");
    }

    @Test
    void anEngineGivenATuningPropertyItCannotReadRefusesToStartAndNamesIt() throws Exception {
        Path output = dir.resolve("engine.out");
        assertEquals(2, installation.runWith(Map.of("SYNCLINE_JAVA_OPTS", "-Dsyncline.savedStateCache.maxRows=lots"), output,
                "engine", "--port", String.valueOf(Installation.freePort())));
        assertTrue(Files.readString(output).contains("syncline: configuration error: The system property"
                + " syncline.savedStateCache.maxRows must be a whole number of rows, 0 or more, but is 'lots'."),
                Files.readString(output));
    }

    @Test
    void secondEngineOnATakenPortFailsWithExitCode1() throws Exception {
        int port = Installation.freePort();
        Path firstOutput = dir.resolve("first.out");
        Process first = installation.start(firstOutput, "engine", "--port", String.valueOf(port));
        try (HttpClient http = HttpClient.newHttpClient()) {
            awaitHealth(first, http, port, firstOutput);
            Path output = dir.resolve("second.out");
            assertEquals(1, installation.run(output, "engine", "--port", String.valueOf(port)));
            assertTrue(Files.readString(output).contains("cannot start the engine"),
                    Files.readString(output));
        } finally {
            terminate(first, firstOutput);
        }
    }

    @Test
    void twoEnginesStartingTogetherOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        Path home = Files.createDirectories(dir.resolve("shared-home"));
        int firstPort = Installation.freePort();
        int secondPort = Installation.freePort();
        Path firstOutput = dir.resolve("first.out");
        Path secondOutput = dir.resolve("second.out");
        Process first = installation.startIn(home, firstOutput, "engine", "--port", String.valueOf(firstPort),
                "--name", "engine-1");
        Process second = installation.startIn(home, secondOutput, "engine", "--port", String.valueOf(secondPort),
                "--name", "engine-2");
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (JsonNode health : List.of(awaitHealth(first, http, firstPort, firstOutput),
                    awaitHealth(second, http, secondPort, secondOutput))) {
                assertEquals("UP", health.path("database").path("status").asText(), health.toString());
                assertEquals(SchemaMigrator.HEAD_CHANGE, health.path("database").path("schemaVersion").asText(),
                        health.toString());
            }
        } finally {
            terminate(first, firstOutput);
            terminate(second, secondOutput);
        }
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + home.resolve("data/syncline") + ";AUTO_SERVER=TRUE", "sa", "");
                ResultSet changes = connection.createStatement().executeQuery(
                        "SELECT COUNT(*), COUNT(DISTINCT ID) FROM DATABASECHANGELOG")) {
            changes.next();
            assertEquals(SchemaMigrator.CHANGE_COUNT, changes.getInt(1), "every change applied exactly once");
            assertEquals(SchemaMigrator.CHANGE_COUNT, changes.getInt(2));
        }
    }

    @Test
    void syncWithEngineRunsInTheEngineAndSaysSoWhenThereIsNone() throws Exception {
        Path home = Files.createDirectories(dir.resolve("engine-home"));
        Path a = Files.createDirectories(dir.resolve("a/reports"));
        Files.writeString(a.resolve("q1.txt"), "first quarter");
        Files.writeString(a.resolve("q2.txt"), "second quarter");
        Path b = dir.resolve("b");
        String source = dir.resolve("a").toString();
        Path before = dir.resolve("before.out");
        assertEquals(2, installation.runIn(home, before, "sync", source, b.toString(), "--engine"));
        assertTrue(Files.readString(before).contains("no engine of this installation is running"), Files.readString(before));
        assertTrue(Files.notExists(b));

        Path output = dir.resolve("engine.out");
        Process engine = installation.startIn(home, output, "engine", "--port", "0", "--bind", "127.0.0.1");
        Path access = home.resolve("data/engine.access");
        try {
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            while (Files.notExists(access)) {
                assertAlive(engine, output);
                assertTrue(System.nanoTime() < deadline, "no access file: " + Files.readString(output));
                Thread.sleep(100);
            }
            Path run = dir.resolve("run.out");
            assertEquals(0, installation.runIn(home, run, "sync", source, b.toString(), "--engine", "--job", "reports"),
                    Files.readString(run));
            assertTrue(Files.readString(run).contains("Number of files copied: 2"), Files.readString(run));
            assertEquals("second quarter", Files.readString(b.resolve("reports/q2.txt")));
            assertTrue(Files.readString(output).contains("Running for a caller"), "the engine ran it: " + Files.readString(output));

            // Killed without a chance to remove its access file: the next caller is told it does not answer.
            engine.destroyForcibly();
            assertTrue(engine.waitFor(Installation.STOP_WAIT.toSeconds(), TimeUnit.SECONDS));
            Path after = dir.resolve("after.out");
            assertEquals(2, installation.runIn(home, after, "sync", "--job", "reports", "--engine"));
            assertTrue(Files.readString(after).contains("does not answer"), Files.readString(after));
            assertTrue(Files.readString(after).contains("nothing was changed"), Files.readString(after));
        } finally {
            engine.destroyForcibly();
        }
    }

    private JsonNode awaitHealth(Process engine, HttpClient http, int port, Path output)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/health");
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive(engine, output);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                return new ObjectMapper().readTree(response.body());
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        return fail("engine did not answer within " + START_WAIT + ": " + Files.readString(output));
    }

    private AgentIdentity awaitHello(Process agent, int port, Path output) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertAlive(agent, output);
            try (AgentClient client = AgentClient.connect(address, Duration.ofSeconds(5))) {
                return client.hello();
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        return fail("agent did not answer within " + START_WAIT + ": " + Files.readString(output));
    }

    private static void assertAlive(Process process, Path output) throws IOException {
        if (!process.isAlive()) {
            fail("exited early with " + process.exitValue() + ": " + Files.readString(output));
        }
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux) and waits for the exit. */
    private static void terminate(Process process, Path output) throws Exception {
        process.destroy();
        if (!process.waitFor(Installation.STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not stop within " + Installation.STOP_WAIT + " of SIGTERM: "
                    + Files.readString(output));
        }
    }

    private void assertCleanStop(Process process, Path output, String service) throws Exception {
        String text = Files.readString(output);
        int code = process.exitValue();
        assertTrue(code == 0 || code == 143, "exit code " + code + ": " + text);
        assertTrue(text.contains("Syncline " + service + " stopped"), text);
        assertTrue(!text.contains("ERROR"), text);
        Path log = installation.home.resolve("logs/" + service + ".log");
        assertTrue(Files.readString(log).contains("Syncline " + service + " stopped"),
                "log file " + log);
    }
}
