package org.syncline.persistence.internal;

import java.util.Locale;

import javax.sql.DataSource;

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
                postgres.setConnectTimeout(10);
                yield postgres;
            }
            case SQL_SERVER -> SqlServerDataSources.create(profile.url(), profile.user(), Secret.of(password));
        };
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
