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
                h2.setURL(profile.kind() == DatabaseKind.H2_FILE ? keptOpen(profile.url()) : profile.url());
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
     * An H2 file URL that keeps the database open until this process ends. Without it H2 closes
     * the file whenever the last connection of the process closes, and with {@code AUTO_SERVER}
     * another process may then take the file over while this one is about to reconnect: the
     * reconnect fails (seen with two engines starting together). Kept open, the first process
     * stays the file's server for its lifetime and the others connect to it.
     */
    static String keptOpen(String url) {
        return url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_DELAY=") ? url : url + ";DB_CLOSE_DELAY=-1";
    }
}
