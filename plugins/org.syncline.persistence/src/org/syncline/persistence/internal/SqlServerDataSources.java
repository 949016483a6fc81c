package org.syncline.persistence.internal;

import javax.sql.DataSource;

import org.syncline.model.Secret;
import org.syncline.persistence.DatabaseException;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;

/** Kept apart so that the optional SQL Server driver is loaded only when a SQL Server profile is used. */
final class SqlServerDataSources {

    private SqlServerDataSources() {
    }

    static DataSource create(String url, String user, Secret password) {
        try {
            SQLServerDataSource sqlServer = new SQLServerDataSource();
            sqlServer.setURL(url);
            sqlServer.setUser(user);
            sqlServer.setPassword(password.reveal());
            return sqlServer;
        } catch (NoClassDefFoundError e) {
            throw new DatabaseException("The SQL Server driver (mssql-jdbc) is not installed with this program.", e);
        }
    }
}
