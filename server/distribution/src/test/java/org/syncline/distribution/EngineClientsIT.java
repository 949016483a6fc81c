package org.syncline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncline.distribution.InstalledEngine.assertAlike;
import static org.syncline.distribution.InstalledEngine.assertSame;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.distribution.InstalledEngine.Client;
import org.syncline.distribution.InstalledEngine.Outcome;
import org.syncline.sync.cli.EngineAccess;

/**
 * {@code syncline sync ... --engine} relayed by curl (the launcher's choice when curl is on the PATH)
 * and by the Java client ({@code SYNCLINE_ENGINE_CLIENT=java}) against one real engine: each case runs
 * through both, and they must print the same on standard output and error and exit alike.
 */
class EngineClientsIT {

    @TempDir
    static Path shared;

    private static InstalledEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = InstalledEngine.start(new Installation(), shared);
    }

    @AfterAll
    static void stopEngine() throws Exception {
        engine.close();
    }

    @Test
    void aRunCopiesTheFilesAndPrintsTheSameThroughEitherClient() throws Exception {
        Map<Client, Outcome> outcomes = new EnumMap<>(Client.class);
        for (Client client : Client.values()) {
            Path work = Files.createDirectories(dir.resolve("run-" + client)).toRealPath();
            Files.createDirectories(work.resolve("a/reports"));
            Files.writeString(work.resolve("a/reports/q1.txt"), "first quarter");
            Files.writeString(work.resolve("a/reports/q2.txt"), "second quarter");
            Outcome outcome = engine.run(client, work, "sync", "a", "b", "--engine");
            assertEquals("second quarter", Files.readString(work.resolve("b/reports/q2.txt")), outcome.toString());
            // Each copied into a folder of its own, in its own time, as a run of its own.
            outcomes.put(client, outcome.masking(Pattern.quote(work.toString()), "WORK")
                    .masking("\\d+\\.\\d+ (s|MB/s)", "# $1").masking("\\d+ \\('syncline runs \\d+'", "# ('syncline runs #'"));
        }
        Outcome curl = outcomes.get(Client.CURL);
        assertTrue(curl.out().contains("Number of files copied: 2"), curl.toString());
        assertAlike(curl, outcomes.get(Client.JAVA));
    }

    @Test
    void relativePathsAreResolvedInThePhysicalWorkingFolder() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real")).toRealPath();
        Files.createDirectories(real.resolve("a"));
        Files.writeString(real.resolve("a/notes.txt"), "notes");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        // As a shell in the link would start it: PWD names the link, the process is in the real folder.
        Map<Client, Outcome> outcomes = new EnumMap<>(Client.class);
        for (Client client : Client.values()) {
            outcomes.put(client, engine.run(engine.home, client, link, Map.of("PWD", link.toString()),
                    engine.launcher("sync", "a", "b", "--engine", "--preview")));
        }
        Outcome curl = outcomes.get(Client.CURL);
        assertTrue(curl.out().startsWith(real.resolve("b") + " does not exist yet"), curl.toString());
        assertAlike(curl, outcomes.get(Client.JAVA));
    }

    @Test
    void aPreviewOfManyFilesPrintsTheSameLines() throws Exception {
        Path work = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < 2_000; i++) {
            Path file = work.resolve("a/d" + i % 20 + "/file-" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "content " + i);
        }
        Outcome curl = engine.run(Client.CURL, work, "sync", "a", "b", "--engine", "--preview");
        assertTrue(curl.out().lines().filter(line -> line.contains("COPY")).count() >= 2_000, curl.toString());
        assertAlike(curl, engine.run(Client.JAVA, work, "sync", "a", "b", "--engine", "--preview"));
    }

    @Test
    void aBadArgumentIsReportedTheSame() throws Exception {
        Outcome curl = engine.run(Client.CURL, dir, "sync", "a", "b", "--engine", "--rule", "NOPE");
        assertEquals(2, curl.exit(), curl.toString());
        assertTrue(curl.err().contains("--rule"), curl.toString());
        assertAlike(curl, engine.run(Client.JAVA, dir, "sync", "a", "b", "--engine", "--rule", "NOPE"));
    }

    @Test
    void aWorkingFolderTheEngineCannotUseIsRefusedTheSame() throws Exception {
        // A folder whose name is not UTF-8: the engine cannot name it, and answers 400 (bad request).
        String enter = "cd \"$(printf 'not-utf-8-\\377')\" && ";
        assertEquals(0, new ProcessBuilder("/bin/sh", "-c", "mkdir \"$(printf 'not-utf-8-\\377')\"")
                .directory(dir.toFile()).inheritIO().start().waitFor());
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", enter + "exec \"$@\"", "sh"));
        command.addAll(engine.launcher("sync", "a", "b", "--engine"));
        Map<Client, Outcome> outcomes = new EnumMap<>(Client.class);
        for (Client client : Client.values()) {
            outcomes.put(client, engine.run(engine.home, client, dir, Map.of(), command));
        }
        Outcome curl = outcomes.get(Client.CURL);
        assertEquals(2, curl.exit(), curl.toString());
        assertTrue(curl.err().contains("refused the run: the working folder"), curl.toString());
        assertAlike(curl, outcomes.get(Client.JAVA));
    }

    @Test
    void argumentsReachTheEngineAsTheyWereGiven() throws Exception {
        String source = "a b \"quoted\" back\\slash & = % + tab\tcr\r ü é € 日本 @at $dollar `tick` 'single' \\";
        String job = "job \\\"x\" & = % + ü \\n";
        Path work = Files.createDirectories(dir.resolve("arguments"));
        Files.createDirectories(work.resolve(source));
        Files.writeString(work.resolve(source).resolve("file.txt"), "text");
        String[] args = {"sync", source, "to " + source, "--engine", "--preview", "--job", job, "--filter", "*.* | -~*.tmp"};
        Outcome curl = engine.run(Client.CURL, work, args);
        assertTrue(curl.out().contains("Preview of job " + job + " (nothing is changed)"), curl.toString());
        assertTrue(curl.out().contains("[" + work.resolve(source).toString().replace("\r", "") + " -> "), curl.toString());
        assertAlike(curl, engine.run(Client.JAVA, work, args));
    }

    @Test
    void anArgumentWithALineBreakIsLeftToTheJavaClient() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        String[] args = {"sync", "a", "b", "--engine", "--preview", "--job", "two\nlines"};
        Outcome relayed = engine.run(Client.CURL, dir, args);
        assertTrue(relayed.startedJava(), "curl's configuration holds no line break: Java relays it: " + relayed);
        assertSame(relayed, engine.run(Client.JAVA, dir, args));
    }

    @Test
    void withoutCurlOnThePathTheJavaClientRelays() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/notes.txt"), "notes");
        // A PATH with awk, but no curl (the launcher needs no other program here: no start-up cache).
        Path bin = Files.createDirectories(dir.resolve("bin-without-curl"));
        for (String tool : List.of("awk", "mawk")) {
            for (String folder : System.getenv("PATH").split(":")) {
                Path found = Path.of(folder, tool);
                if (Files.isExecutable(found) && Files.notExists(bin.resolve(tool))) {
                    Files.copy(found, bin.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        assertTrue(Files.exists(bin.resolve("awk")), "awk on the PATH");
        Outcome java = engine.run(engine.home, Client.CURL, dir, Map.of("PATH", bin.toString()),
                engine.launcher("sync", "a", "b", "--engine", "--preview"));
        assertTrue(java.out().contains("COPY"), java.toString());
        assertAlike(engine.run(Client.CURL, dir, "sync", "a", "b", "--engine", "--preview"), java);
    }

    @Test
    void withNoEngineRunningBothSaySo() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-without-engine"));
        Outcome curl = runBoth(home, "sync", "a", "b", "--engine");
        assertTrue(curl.err().contains("no engine of this installation is running"), curl.toString());
    }

    @Test
    void anEngineThatDoesNotAnswerIsReportedTheSame() throws Exception {
        // Stopped without removing its access file: nobody listens on its port.
        Path home = dir.resolve("stale-home");
        int port = Installation.freePort();
        new EngineAccess(URI.create("http://127.0.0.1:" + port + "/api/"), "token", 4242).write(EngineAccess.file(home));
        Outcome curl = runBoth(home, "sync", "a", "b", "--engine");
        assertTrue(curl.err().contains("does not answer"), curl.toString());
    }

    @Test
    void aWrongTokenIsRefusedTheSame() throws Exception {
        Path home = dir.resolve("wrong-token-home");
        EngineAccess access = engine.access();
        new EngineAccess(access.api(), "not" + access.token(), access.pid()).write(EngineAccess.file(home));
        Outcome curl = runBoth(home, "sync", "a", "b", "--engine");
        assertTrue(curl.err().contains("refused the run: it does not accept this installation's access token"), curl.toString());
    }

    @Test
    void filesThatAreNotAccessFilesAreReportedTheSame() throws Exception {
        Path home = dir.resolve("odd-home");
        Path file = EngineAccess.file(home);
        Files.createDirectories(file.getParent());
        for (String text : List.of("api=http\\://127.0.0.1\\:1/api/\npid=1\n", "api=http\\://127.0.0.1\\:1/api/\ntoken= \n",
                "api=ftp\\://127.0.0.1/api/\ntoken=t\npid=1\n", "api=127.0.0.1\ntoken=t\n",
                "api=http\\://127.0.0.1\\:1/api/\ntoken=t\npid=twelve\n")) {
            Files.writeString(file, text);
            Outcome curl = runBoth(home, "sync", "a", "b", "--engine");
            assertTrue(curl.err().contains("is not an engine access file"), text + ": " + curl);
        }
        Files.delete(file);
        Files.createDirectory(file);
        Outcome curl = runBoth(home, "sync", "a", "b", "--engine");
        assertTrue(curl.err().contains("cannot read " + file), curl.toString());
    }

    @Test
    void anAccessFileOnlyJavaDecodesIsLeftToTheJavaClient() throws Exception {
        // The token continued on a second line: java.util.Properties joins them, the launcher leaves it to Java.
        Path home = dir.resolve("continued-home");
        EngineAccess access = engine.access();
        String token = access.token();
        Files.createDirectories(EngineAccess.file(home).getParent());
        Files.writeString(EngineAccess.file(home), "api=" + access.api().toString().replace(":", "\\:") + "\ntoken="
                + token.substring(0, 10) + "\\\n    " + token.substring(10) + "\npid=" + access.pid() + "\n");
        Files.createDirectories(dir.resolve("a"));
        Outcome relayed = engine.run(home, Client.CURL, dir, Map.of(), engine.launcher("sync", "a", "b", "--engine", "--preview"));
        assertEquals(0, relayed.exit(), relayed.toString());
        assertTrue(relayed.startedJava(), relayed.toString());
        assertSame(relayed, engine.run(home, Client.JAVA, dir, Map.of(), engine.launcher("sync", "a", "b", "--engine", "--preview")));
    }

    /** Runs {@code args} with {@code home} as the installation's through curl and Java, asserts they agree, and fail with 2. */
    private Outcome runBoth(Path home, String... args) throws Exception {
        Outcome curl = engine.run(home, Client.CURL, dir, Map.of(), engine.launcher(args));
        assertEquals(2, curl.exit(), curl.toString());
        assertFalse(Files.exists(dir.resolve("b")), "nothing was changed");
        assertAlike(curl, engine.run(home, Client.JAVA, dir, Map.of(), engine.launcher(args)));
        return curl;
    }
}
