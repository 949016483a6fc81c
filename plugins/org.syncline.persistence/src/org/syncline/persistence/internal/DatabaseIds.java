package org.syncline.persistence.internal;

import java.util.Locale;

import org.syncline.persistence.DatabaseProfile;

/**
 * Names the SQL dialect of a profile for MyBatis's {@code databaseId}: {@code h2},
 * {@code postgresql} or {@code sqlserver}. H2 running in {@code MODE=MSSQLServer} counts as
 * {@code sqlserver}, so that tests can run the SQL Server statements on H2 and catch dialect
 * slips. Known from the profile alone, without connecting, so that the mappers can be read while
 * the connection is being made.
 */
public final class DatabaseIds {

    private DatabaseIds() {
    }

    public static String of(DatabaseProfile profile) {
        return switch (profile.kind()) {
            case H2_FILE, H2_SERVER -> profile.url().toUpperCase(Locale.ROOT).contains(";MODE=MSSQLSERVER") ? "sqlserver" : "h2";
            case POSTGRESQL -> "postgresql";
            case SQL_SERVER -> "sqlserver";
        };
    }
}
