package org.syncline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.syncline.sync.cli.EngineAccess;

/**
 * An engine started from the installation in a home folder of its own, and {@code syncline sync ...
 * --engine} asking it through either of the launcher's clients. Commands run with a Java home whose
 * {@code bin/java} notes that it started before it runs the real one, so a test can tell which client
 * relayed a run; without a start-up cache (the Java client starts alike every time and leaves nothing
 * in the user's cache), and in a UTF-8 locale (a JVM decodes arguments and paths by the locale).
 */
final class InstalledEngine implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JAVA_MARK = "SYNCLINE_TEST_JAVA_MARK";

    /** The launcher's clients of a sync handed to the engine. */
    enum Client {
        /** curl: the launcher's choice when it is on the PATH. */
        CURL(Map.of()),
        /** The Java client, {@code org.syncline.sync.cli.EngineClient}. */
        JAVA(Map.of("SYNCLINE_ENGINE_CLIENT", "java"));

        final Map<String, String> environment;

        Client(Map<String, String> environment) {
            this.environment = environment;
        }
    }

    /** What a command printed on its standard output and error, its exit code, and whether it started a JVM. */
    record Outcome(int exit, String out, String err, boolean startedJava) {

        /** This outcome with what matches {@code regex} replaced by {@code by} in what it printed. */
        Outcome masking(String regex, String by) {
            return new Outcome(exit, out.replaceAll(regex, by), err.replaceAll(regex, by), startedJava);
        }
    }

    /** A command started in the background, the files its outputs go to, and the one its bin/java creates. */
    record Started(Process process, Path out, Path err, Path javaMark) {
    }

    final Installation installation;
    final Path home;
    private final Path dir;
    private final Path javaHome;
    private final Path log;
    private final Process engine;
    private final AtomicInteger commands = new AtomicInteger();

    private InstalledEngine(Installation installation, Path dir, Path javaHome, Path home, Path log, Process engine) {
        this.installation = installation;
        this.dir = dir;
        this.javaHome = javaHome;
        this.home = home;
        this.log = log;
        this.engine = engine;
    }

    /** Starts an engine with its home in {@code dir} and waits until it has written its access file. */
    static InstalledEngine start(Installation installation, Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("engine-home"));
        Path log = dir.resolve("engine.out");
        Process engine = installation.startApart(List.of(installation.script().toString(), "engine", "--port", "0",
                "--bind", "127.0.0.1"), dir, Map.of("SYNCLINE_HOME", home.toString(), "LC_ALL", "C.UTF-8"), log, log);
        InstalledEngine started = new InstalledEngine(installation, dir, markingJavaHome(dir), home, log, engine);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Files.notExists(started.accessFile())) {
            if (!engine.isAlive() || System.nanoTime() > deadline) {
                started.close();
                fail("the engine wrote no access file: " + Installation.read(log));
            }
            Thread.sleep(100);
        }
        return started;
    }

    Path accessFile() {
        return EngineAccess.file(home);
    }

    EngineAccess access() throws Exception {
        return EngineAccess.read(accessFile());
    }

    /** Runs {@code bin/syncline args} in {@code folder} through {@code client}, asking this engine. */
    Outcome run(Client client, Path folder, String... args) throws Exception {
        return run(home, client, folder, Map.of(), launcher(args));
    }

    /**
     * Runs {@code command} (see {@link #launcher}) in {@code folder} through {@code client}, with
     * {@code synclineHome} as the installation's home and {@code environment} on top, to completion (at
     * most 60 s).
     */
    Outcome run(Path synclineHome, Client client, Path folder, Map<String, String> environment, List<String> command)
            throws Exception {
        Started started = start(synclineHome, client, folder, environment, command);
        Process process = started.process();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish: " + Installation.read(started.out()) + Installation.read(started.err()));
        }
        return new Outcome(process.exitValue(), Files.readString(started.out()), Files.readString(started.err()),
                Files.exists(started.javaMark()));
    }

    /** Starts {@code command} as {@link #run(Path, Client, Path, Map, List)} does, without waiting for it. */
    Started start(Path synclineHome, Client client, Path folder, Map<String, String> environment, List<String> command)
            throws IOException {
        String name = "command-" + commands.incrementAndGet();
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Path javaMark = dir.resolve(name + ".java");
        Map<String, String> variables = new HashMap<>(client.environment);
        variables.put("SYNCLINE_HOME", synclineHome.toString());
        variables.put("JAVA_HOME", javaHome.toString());
        variables.put("SYNCLINE_CDS_DIR", "");
        variables.put("LC_ALL", "C.UTF-8");
        variables.put(JAVA_MARK, javaMark.toString());
        variables.putAll(environment);
        return new Started(installation.startApart(command, folder, variables, out, err), out, err, javaMark);
    }

    /** {@code bin/syncline} with {@code args}. */
    List<String> launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(installation.script().toString());
        command.addAll(List.of(args));
        return command;
    }

    /** What the engine has logged so far. */
    String log() {
        return Installation.read(log);
    }

    /** Waits (at most {@code wait}) until the engine has logged {@code text}. */
    void awaitLog(String text, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("the engine did not log '" + text + "' within " + wait + ": " + log());
            }
            Thread.sleep(50);
        }
    }

    /** Asserts that curl relayed the one run and the Java client the other, and that they printed and exited alike. */
    static void assertAlike(Outcome curl, Outcome java) {
        assertFalse(curl.startedJava(), "curl relayed the run, no JVM: " + curl);
        assertTrue(java.startedJava(), "the Java client relayed the run: " + java);
        assertSame(curl, java);
    }

    /** Asserts that two runs printed the same on standard output and error and exited alike. */
    static void assertSame(Outcome curl, Outcome java) {
        assertEquals(java.out(), curl.out(), "standard output");
        assertEquals(java.err(), curl.err(), "standard error");
        assertEquals(java.exit(), curl.exit(), "exit code; standard error: " + curl.err());
    }

    /** Stops the engine with SIGTERM, as a service manager does. */
    @Override
    public void close() throws Exception {
        engine.destroy();
        if (!engine.waitFor(Installation.STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            engine.destroyForcibly();
        }
    }

    /** A Java home whose {@code bin/java} creates the file named by SYNCLINE_TEST_JAVA_MARK, then runs this Java. */
    private static Path markingJavaHome(Path dir) throws IOException {
        Path realHome = Path.of(System.getProperty("java.home"));
        Path bin = Files.createDirectories(dir.resolve("marking-java/bin"));
        Files.copy(realHome.resolve("release"), bin.resolveSibling("release"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\n[ -z \"${" + JAVA_MARK + ":-}\" ] || : > \"$" + JAVA_MARK + "\"\n"
                + "exec '" + realHome.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin.getParent();
    }
}
