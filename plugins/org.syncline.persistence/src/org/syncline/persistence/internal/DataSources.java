package org.syncline.persistence.internal;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.syncline.model.Secret;
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
                h2.setURL(profile.url());
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
}
