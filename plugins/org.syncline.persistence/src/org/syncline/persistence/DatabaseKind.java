package org.syncline.persistence;

/** The kinds of database a Syncline installation can keep its model in. */
public enum DatabaseKind {
    /** H2 in a local file, shared by local processes through H2's automatic server. The default. */
    H2_FILE("H2 database file"),
    /** H2 running as a TCP server. */
    H2_SERVER("H2 server"),
    /** PostgreSQL. */
    POSTGRESQL("PostgreSQL"),
    /** Microsoft SQL Server. Not tested against a real server by this project. */
    SQL_SERVER("SQL Server");

    private final String displayName;

    DatabaseKind(String displayName) {
        this.displayName = displayName;
    }

    /** The name shown to people, e.g. "PostgreSQL". */
    public String displayName() {
        return displayName;
    }
}
