package org.syncline.persistence.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.model.Secret;

/**
 * A throwaway PostgreSQL cluster on a free loopback port, created with initdb and started with
 * pg_ctl in a temporary folder; stopped and deleted when the test run ends.
 *
 * <p>Binaries are taken from {@code $SYNCLINE_PG_BIN}, else {@code /usr/lib/postgresql/15/bin}. When
 * they are missing the tests fail if {@code CI=true} and are skipped otherwise. initdb refuses to
 * run as root, so as root the cluster is made and run as the {@code postgres} system user.
 * Password authentication (SCRAM) is on, with a random password per run.
 */
public final class PostgresCluster implements ExtensionContext.Store.CloseableResource {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final String USER = "syncline";

    private final Path bin;
    private final Path folder;
    private final int port;
    private final Secret password;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.folder = Files.createTempDirectory("syncline-pg-");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.password = Secret.of(HexFormat.of().formatHex(random));
        this.port = freePort();
        Path passwordFile = folder.resolve("pwfile");
        Files.writeString(passwordFile, password.reveal(), StandardCharsets.US_ASCII);
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", folder.toString()));
        }
        run(asPostgres(bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth=scram-sha-256", "--no-locale", "-E", "UTF8"));
        Files.deleteIfExists(passwordFile);
        run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l", folder.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1", "start"));
        LOG.info("Started PostgreSQL in {} on 127.0.0.1:{}", folder, port);
    }

    /** The cluster of this test run, started on first use. */
    public static PostgresCluster get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresCluster.class, key -> start(), PostgresCluster.class);
    }

    private static PostgresCluster start() {
        Path bin = Path.of(System.getenv().getOrDefault("SYNCLINE_PG_BIN", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            String message = "PostgreSQL 15 is not installed: " + bin.resolve("initdb") + " is missing. Install the Debian package "
                    + "postgresql-15 (or set SYNCLINE_PG_BIN to the folder holding initdb and pg_ctl).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message + " Skipping the PostgreSQL tests because CI is not set.");
        }
        try {
            return new PostgresCluster(bin);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting PostgreSQL", e);
        }
    }

    /** Creates a new, empty database and returns its name. */
    public String createDatabase() throws SQLException {
        String name = "syncline_test_" + databases.incrementAndGet();
        try (Connection connection = dataSource("postgres").getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    public int port() {
        return port;
    }

    /**
     * Writes a profile file ({@code database.*} keys, as {@code syncline sync --db-profile} reads) for
     * {@code database} of this cluster, with its key file {@code keyFile}; returns {@code file}.
     */
    public Path writeProfile(String database, Path file, Path keyFile) throws IOException {
        return Files.writeString(file, "database.url=jdbc:postgresql://127.0.0.1:" + port + "/" + database + "\n"
                + "database.user=" + USER + "\n"
                + "database.password=" + password.reveal() + "\n"
                + "database.keyFile=" + keyFile + "\n");
    }

    /** How many connections to {@code database} the server has that name themselves {@code application}. */
    public int connections(String database, String application) throws SQLException {
        try (Connection connection = dataSource("postgres").getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
            query.setString(1, database);
            query.setString(2, application);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }

    public String user() {
        return USER;
    }

    public Secret password() {
        return password;
    }

    private PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://127.0.0.1:" + port + "/" + database);
        dataSource.setUser(USER);
        dataSource.setPassword(password.reveal());
        return dataSource;
    }

    /**
     * Restarts the server (a fast shutdown: it ends every connection, as a server's restart or
     * failover does), waiting until it accepts connections again.
     */
    public void restart() throws IOException, InterruptedException {
        run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l", folder.resolve("server.log").toString(),
                "-m", "fast", "-w", "-t", "60", "restart"));
        LOG.info("Restarted PostgreSQL on port {}", port);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "fast", "-w", "stop"));
            LOG.info("Stopped PostgreSQL on port {}", port);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> line = new ArrayList<>();
        if (isRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        return line;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
