package org.syncline.persistence.internal;

import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseKind;
import org.syncline.persistence.DatabaseProfile;

/**
 * Makes a {@link DataSource} for a profile from the driver's own DataSource class. The driver
 * manager is not used: in OSGi, driver bundles are resolved but not started, so it finds nothing.
 */
public final class DataSources {

    /** How the connections of Syncline's processes name themselves to a database server that asks. */
    public static final String APPLICATION_NAME = "Syncline";

    /**
     * At most this many connections of one process to a database server. A run uses up to three at
     * once (reading its saved state while its saved-state and file-log writers write), and a run
     * waiting for one may hold another: the limit is set well above what the runs an engine takes on
     * at once need, only against a runaway. Connections are opened only as they are needed.
     */
    public static final int MAX_POOLED_CONNECTIONS = 50;

    /** How long connecting to a database server may take before it counts as unreachable. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    /** How long a pooled connection stays open unused. */
    private static final long IDLE_MILLIS = 5 * 60_000;

    private DataSources() {
    }

    /** A DataSource opening a new connection per call; no pooling. */
    public static DataSource create(DatabaseProfile profile) {
        String password = profile.password() == null ? "" : profile.password().reveal();
        return switch (profile.kind()) {
            case H2_FILE, H2_SERVER -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(profile.kind() == DatabaseKind.H2_FILE ? embedded(profile.url()) : profile.url());
                h2.setUser(profile.user());
                h2.setPassword(password);
                yield h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource postgres = new PGSimpleDataSource();
                postgres.setURL(profile.url());
                postgres.setUser(profile.user());
                postgres.setPassword(password);
                postgres.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
                postgres.setApplicationName(APPLICATION_NAME);
                yield postgres;
            }
            case SQL_SERVER -> SqlServerDataSources.create(profile.url(), profile.user(), Secret.of(password));
        };
    }

    /**
     * The connections {@code direct} opens, kept open and handed out again: every store call opens a
     * connection of its own (an engine's run dozens), and a new connection to a server costs a
     * network round trip or more, a login and, for PostgreSQL, a server process: ~9 ms each measured
     * here against a local PostgreSQL 15 with password authentication (SCRAM), against ~0.2 ms for a
     * statement on an open connection. An embedded H2 file is returned as it is: its connections are
     * sessions inside this process, and the file stays open anyway ({@link #embedded(String)}).
     *
     * <p>Connections are opened on demand (none at once, so that a failure to connect is reported by
     * the first use, not by the pool), at most {@value #MAX_POOLED_CONNECTIONS}, closed after five
     * minutes unused, checked before they are handed out again after a pause, and reset to
     * auto-commit on return (a transaction left open is rolled back). A caller finding all of them in
     * use waits up to the connect timeout. Closing the returned data source (it is then
     * {@link AutoCloseable}) closes its connections.
     */
    public static DataSource pooled(DataSource direct, DatabaseProfile profile) {
        if (profile.kind() == DatabaseKind.H2_FILE) {
            return direct;
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct);
        config.setPoolName(APPLICATION_NAME + " " + profile.kind().displayName() + " " + profile.location());
        config.setMaximumPoolSize(MAX_POOLED_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_MILLIS);
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1_000L);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * The URL of an H2 file as this process opens it, with what the URL does not set otherwise:
     * <ul>
     *   <li>{@code DB_CLOSE_DELAY=-1}: the database stays open until this process ends. Without it
     *       H2 closes the file whenever the last connection of the process closes, and with
     *       {@code AUTO_SERVER} another process may then take the file over while this one is about
     *       to reconnect: the reconnect fails (seen with two engines starting together). Kept open,
     *       the first process stays the file's server for its lifetime and the others connect to it.</li>
     *   <li>{@code WRITE_DELAY=0}: a commit is written to the file before it returns. By default H2
     *       writes commits from a background thread up to half a second later, and a process killed
     *       meanwhile loses them (a job edited in the workbench, a run's history, a claim on a job);
     *       measured here: 200 commits followed by a halt of the process left an empty database,
     *       while with this setting all 200 were kept, for ~0.6 ms more per commit. It does not
     *       force the file to the disk: what must survive a power cut is forced as well (a run's
     *       saved state, see {@code ReplicaStateStore}).</li>
     * </ul>
     */
    static String embedded(String url) {
        String upper = url.toUpperCase(Locale.ROOT);
        String kept = upper.contains(";DB_CLOSE_DELAY=") ? url : url + ";DB_CLOSE_DELAY=-1";
        return upper.contains(";WRITE_DELAY=") ? kept : kept + ";WRITE_DELAY=0";
    }
}
