package org.syncline.persistence.internal;

import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.ibatis.mapping.DatabaseIdProvider;
import org.apache.ibatis.mapping.VendorDatabaseIdProvider;

/**
 * Names the SQL dialect for MyBatis's {@code databaseId}: {@code h2}, {@code postgresql} or
 * {@code sqlserver}. H2 running in {@code MODE=MSSQLServer} counts as {@code sqlserver}, so that
 * tests can run the SQL Server statements on H2 and catch dialect slips; everything else comes
 * from {@link VendorDatabaseIdProvider} and the product name the driver reports.
 */
public final class SynclineDatabaseIdProvider implements DatabaseIdProvider {

    private final VendorDatabaseIdProvider vendors = new VendorDatabaseIdProvider();

    public SynclineDatabaseIdProvider() {
        Properties names = new Properties();
        names.setProperty("H2", "h2");
        names.setProperty("PostgreSQL", "postgresql");
        names.setProperty("Microsoft SQL Server", "sqlserver");
        vendors.setProperties(names);
    }

    @Override
    public String getDatabaseId(DataSource dataSource) throws SQLException {
        String id = vendors.getDatabaseId(dataSource);
        if ("h2".equals(id)) {
            try (var connection = dataSource.getConnection()) {
                String url = connection.getMetaData().getURL();
                if (url != null && url.toUpperCase(java.util.Locale.ROOT).contains("MODE=MSSQLSERVER")) {
                    return "sqlserver";
                }
            }
        }
        return id;
    }
}
