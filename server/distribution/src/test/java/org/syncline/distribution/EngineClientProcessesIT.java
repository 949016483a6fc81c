package org.syncline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.distribution.InstalledEngine.Client;
import org.syncline.distribution.InstalledEngine.Started;

/**
 * The processes of {@code syncline sync ... --engine} while a run goes on in the engine, through
 * curl and through the Java client: none shows the access token on its command line, and stopping
 * the command (SIGTERM, or Ctrl-C's SIGINT to its process group) ends them all and cancels the run.
 * The run is slow by design: its one copy goes to a read-only file system mounted in a folder of the
 * target and is retried 60 times a second apart (a read-only target as a whole fails at once).
 * Mounting that file system needs root; elsewhere these tests are skipped.
 */
class EngineClientProcessesIT {

    private static final Duration RUN_START = Duration.ofSeconds(30);

    @TempDir
    static Path shared;

    private static InstalledEngine engine;
    private static Path source;
    private static Path target;
    private static Path readOnlyFolder;
    private static String mountFailure;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngineAndMountTarget() throws Exception {
        engine = InstalledEngine.start(new Installation(), shared);
        source = Files.createDirectories(shared.resolve("slow/a"));
        Files.createDirectories(source.resolve("archive"));
        Files.writeString(source.resolve("archive/report.txt"), "figures");
        target = Files.createDirectories(shared.resolve("slow/b"));
        readOnlyFolder = Files.createDirectories(target.resolve("archive"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnlyFolder.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        mountFailure = mount.waitFor() == 0 ? null : said;
    }

    @AfterAll
    static void stopEngineAndUnmountTarget() throws Exception {
        try {
            engine.close();
        } finally {
            if (mountFailure == null) {
                new ProcessBuilder("umount", "-l", readOnlyFolder.toString()).inheritIO().start().waitFor();
            }
        }
    }

    @Test
    void noCommandLineShowsTheAccessToken() throws Exception {
        String token = engine.access().token();
        for (Client client : Client.values()) {
            stopSlowRun(client, List.of(), run -> {
                List<ProcessHandle> processes = new ArrayList<>(run.process().descendants().toList());
                processes.add(run.process().toHandle());
                if (client == Client.CURL) {
                    assertTrue(processes.stream().anyMatch(p -> p.info().command().orElse("").endsWith("/curl")),
                            "curl relays the run: " + processes.stream().map(p -> p.info().toString()).toList());
                }
                try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                    for (Path process : all.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                        assertFalse(read(process.resolve("cmdline")).contains(token), client + ": the command line of " + process);
                    }
                }
                for (ProcessHandle process : processes) {
                    Path proc = Path.of("/proc", Long.toString(process.pid()));
                    assertFalse(read(proc.resolve("environ")).contains(token), client + ": the environment of " + proc);
                }
                run.process().destroy();
            });
        }
    }

    @Test
    void sigtermEndsTheCommandsProcessesAndCancelsItsRun() throws Exception {
        Map<Client, Integer> exits = new EnumMap<>(Client.class);
        for (Client client : Client.values()) {
            exits.put(client, stopSlowRun(client, List.of(), run -> run.process().destroy()));
        }
        assertEquals(143, exits.get(Client.CURL), exits.toString());
        assertEquals(exits.get(Client.JAVA), exits.get(Client.CURL));
    }

    @Test
    void ctrlCEndsTheCommandsProcessesAndCancelsItsRun() throws Exception {
        // Ctrl-C sends SIGINT to the terminal's foreground process group: here the command leads a group of its own.
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).findFirst().orElseThrow().substring("SigIgn:".length()).trim();
        assumeTrue((Long.parseLong(ignored, 16) & (1L << 1)) == 0, "this test's JVM (and what it starts) ignores SIGINT");
        Map<Client, Integer> exits = new EnumMap<>(Client.class);
        for (Client client : Client.values()) {
            exits.put(client, stopSlowRun(client, List.of("setsid"), run -> {
                Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + run.process().pid()).inheritIO().start();
                assertEquals(0, kill.waitFor());
            }));
        }
        assertEquals(130, exits.get(Client.CURL), exits.toString());
        assertEquals(exits.get(Client.JAVA), exits.get(Client.CURL));
    }

    /** How a test stops a command. */
    private interface Stop {
        void stop(Started run) throws Exception;
    }

    /**
     * Starts a slow run, stops it with {@code stop}, and asserts that the command and every process
     * it started ended, and that the engine cancelled the run long before its retries were used up.
     *
     * @return the command's exit code
     */
    private int stopSlowRun(Client client, List<String> prefix, Stop stop) throws Exception {
        Started run = startSlowRun(client, prefix);
        List<ProcessHandle> processes = run.process().descendants().toList();
        assertEquals(client == Client.CURL, !processes.isEmpty(), "curl and awk relay, Java alone: " + processes);
        long stopped = System.nanoTime();
        try {
            stop.stop(run);
        } catch (Exception | AssertionError e) {
            run.process().destroy();
            throw e;
        }
        if (!run.process().waitFor(10, TimeUnit.SECONDS)) {
            run.process().destroyForcibly();
            fail(client + ": the command did not stop: " + Installation.read(run.err()));
        }
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail(client + ": " + process.info() + " still runs after the command stopped");
            }
        }
        engine.awaitLog("syncline sync for a caller in " + caller(client) + " ended with exit code 1 (cancelled)",
                Duration.ofSeconds(30));
        assertTrue(Duration.ofNanos(System.nanoTime() - stopped).toSeconds() < 30, "cancelled, not run to its end");
        return run.process().exitValue();
    }

    /** Starts, through {@code client}, a run that retries for a minute, and waits until the engine runs it. */
    private Started startSlowRun(Client client, List<String> prefix) throws Exception {
        assumeTrue(mountFailure == null, "cannot mount a read-only tmpfs here (needs root): " + mountFailure);
        Path caller = Files.createDirectories(caller(client));
        List<String> command = new ArrayList<>(prefix);
        command.addAll(engine.launcher("sync", source.toString(), target.toString(), "--engine",
                "--retries", "60", "--retry-delay", "1"));
        Started run = engine.start(engine.home, client, caller, Map.of(), command);
        engine.awaitLog("Running for a caller in " + caller + ":", RUN_START);
        // The engine has it; so the relaying processes are all up.
        assertTrue(run.process().isAlive(), Installation.read(run.err()));
        return run;
    }

    /** The folder a test's run through {@code client} starts in, which names it in the engine's log. */
    private Path caller(Client client) {
        return dir.resolve("caller-" + client);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // a process that has ended, or another user's
        }
    }
}
