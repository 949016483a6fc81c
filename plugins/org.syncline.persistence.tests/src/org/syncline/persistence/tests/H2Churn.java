package org.syncline.persistence.tests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.syncline.persistence.SynclineDatabase;

/**
 * Leaves an H2 file's chunks sparse, as a long-running process's writes do, and reads what H2 reports
 * on the file: for the tests of its compaction.
 */
public final class H2Churn {

    /** Rows of the table {@code churn}. */
    public static final int ROWS = 2_000;
    /** Times each row is rewritten. */
    public static final int ROUNDS = 20;

    private H2Churn() {
    }

    /**
     * Writes {@value #ROWS} rows into a new table {@code churn}, then rewrites each of them
     * {@value #ROUNDS} times, committing every 100, with H2's retention time 0 (chunks left dead can
     * be dropped at once).
     */
    public static void churn(SynclineDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET RETENTION_TIME 0");
                statement.execute("CREATE TABLE churn (id INT PRIMARY KEY, version INT NOT NULL, content VARCHAR(400) NOT NULL)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO churn VALUES (?, 0, '')")) {
                for (int id = 0; id < ROWS; id++) {
                    insert.setInt(1, id);
                    insert.executeUpdate();
                }
            }
            connection.commit();
            try (PreparedStatement update = connection.prepareStatement("UPDATE churn SET version = ?, content = ? WHERE id = ?")) {
                for (int round = 1; round <= ROUNDS; round++) {
                    for (int id = 0; id < ROWS; id++) {
                        update.setInt(1, round);
                        update.setString(2, ("round " + round + " of row " + id + " ").repeat(10));
                        update.setInt(3, id);
                        update.executeUpdate();
                        if (id % 100 == 99) {
                            connection.commit();
                        }
                    }
                }
            }
            connection.commit();
        }
    }

    /** Whether every row of {@link #churn} is there as last written. */
    public static boolean intact(SynclineDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(version) FROM churn")) {
            rows.next();
            return rows.getInt(1) == ROWS && rows.getLong(2) == (long) ROWS * ROUNDS;
        }
    }

    /** One of the figures H2 reports on its file ({@code info.NAME}, e.g. {@code CHUNKS_FILL_RATE}). */
    public static long info(SynclineDatabase database, String name) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT setting_value FROM information_schema.settings WHERE setting_name = ?")) {
            query.setString(1, "info." + name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("H2 does not report info." + name);
                }
                return Long.parseLong(rows.getString(1));
            }
        }
    }
}
