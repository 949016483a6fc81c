package org.syncline.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The unpacked distribution under test, and child processes started from it. */
final class Installation {

    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    final Path home = Path.of(required("syncline.distribution"));
    final String version = required("syncline.version");
    final Path archives = Path.of(required("syncline.archives"));

    Path script() {
        return home.resolve("bin/syncline");
    }

    /**
     * Starts {@code bin/syncline} with {@code args}, run by the Java running this test unless
     * {@code javaHome} says otherwise; output and errors go to {@code output}.
     */
    Process start(Path output, Path javaHome, String... args) throws IOException {
        return launch(Map.of("JAVA_HOME", javaHome.toString()), output, args);
    }

    /** Starts {@code bin/syncline} with {@code SYNCLINE_HOME} set to {@code synclineHome}. */
    Process startIn(Path synclineHome, Path output, String... args) throws IOException {
        return launch(Map.of("SYNCLINE_HOME", synclineHome.toString()), output, args);
    }

    /** Runs {@code bin/syncline} with {@code SYNCLINE_HOME} set, to completion (at most 60 s); returns its exit code. */
    int runIn(Path synclineHome, Path output, String... args) throws Exception {
        return finish(startIn(synclineHome, output, args), 60, output, args);
    }

    /** Runs {@code bin/syncline} to completion (at most 120 s) with extra environment variables; returns its exit code. */
    int runWith(Map<String, String> extraEnvironment, Path output, String... args) throws Exception {
        return finish(launch(extraEnvironment, output, args), 120, output, args);
    }

    Process start(Path output, String... args) throws IOException {
        return start(output, Path.of(System.getProperty("java.home")), args);
    }

    /** Runs {@code bin/syncline} to completion (at most 60 s) and returns its exit code. */
    int run(Path output, Path javaHome, String... args) throws Exception {
        return finish(start(output, javaHome, args), 60, output, args);
    }

    int run(Path output, String... args) throws Exception {
        return run(output, Path.of(System.getProperty("java.home")), args);
    }

    /**
     * Starts {@code bin/syncline}: run by the Java running this test, without the caller's
     * {@code SYNCLINE_HOME}, {@code SYNCLINE_JAVA_OPTS} and {@code SYNCLINE_ENGINE_CLIENT}, then with
     * {@code environment} on top.
     */
    private Process launch(Map<String, String> environment, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(List.of(args));
        return builder(command, environment).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /**
     * Starts {@code command} (bin/syncline with its arguments, or a command that runs it) in
     * {@code folder} in the environment {@link #launch} gives, its output and errors to files of their own.
     */
    Process startApart(List<String> command, Path folder, Map<String, String> environment, Path output, Path errors)
            throws IOException {
        return builder(command, environment).directory(folder.toFile())
                .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("SYNCLINE_HOME");
        builder.environment().remove("SYNCLINE_JAVA_OPTS");
        builder.environment().remove("SYNCLINE_ENGINE_CLIENT");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Waits for the command at most {@code seconds}; its exit code. */
    private static int finish(Process process, int seconds, Path output, String... args) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("syncline " + List.of(args) + " did not finish: " + Files.readString(output));
        }
        return process.exitValue();
    }

    /** A command's output for a failure message; what went wrong if it cannot be read. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run this test through Maven (failsafe)");
        }
        return value;
    }
}
