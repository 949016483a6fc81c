package org.syncline.persistence.internal;

import java.sql.SQLException;
import java.util.Set;

import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.DatabaseUnavailableException;
import org.syncline.persistence.DatabaseUnavailableException.Reason;

/** Turns the drivers' errors on connecting into messages that say what is wrong and what to do. */
public final class ConnectionErrors {

    private static final Set<String> WRONG_LOGIN_STATES = Set.of("28000", "28P01");
    private static final Set<String> MISSING_DATABASE_STATES = Set.of("3D000", "90146", "90149");
    private static final Set<String> UNREACHABLE_STATES = Set.of("08001", "08004", "08006", "08S01", "90067");
    private static final int SQL_SERVER_LOGIN_FAILED = 18456;
    private static final int SQL_SERVER_CANNOT_OPEN_DATABASE = 4060;

    private ConnectionErrors() {
    }

    /** Translates a failure to connect to {@code profile}'s database. */
    public static DatabaseUnavailableException translate(SQLException error, DatabaseProfile profile) {
        String product = profile.kind().displayName();
        String where = profile.location();
        Reason reason = reason(error);
        String message = switch (reason) {
            case WRONG_LOGIN -> "The " + product + " database at " + where + " refused user '" + profile.user()
                    + "': the user name or password is wrong.";
            case MISSING_DATABASE -> "There is no database '" + profile.databaseName() + "' on the " + product + " server at " + where
                    + ". Check the name, or have the database created first.";
            case UNREACHABLE -> "Cannot reach the " + product + " server at " + where
                    + ". Check the host name and port, and that the server is running and accepts connections from this machine.";
            default -> "Cannot open the " + product + " database at " + where + ": " + error.getMessage();
        };
        return new DatabaseUnavailableException(reason, message, error);
    }

    private static Reason reason(SQLException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (WRONG_LOGIN_STATES.contains(state) || sql.getErrorCode() == SQL_SERVER_LOGIN_FAILED) {
                    return Reason.WRONG_LOGIN;
                }
                if (MISSING_DATABASE_STATES.contains(state) || sql.getErrorCode() == SQL_SERVER_CANNOT_OPEN_DATABASE) {
                    return Reason.MISSING_DATABASE;
                }
                if (UNREACHABLE_STATES.contains(state)) {
                    return Reason.UNREACHABLE;
                }
            }
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.SocketTimeoutException || cause instanceof java.net.NoRouteToHostException) {
                return Reason.UNREACHABLE;
            }
        }
        return Reason.OTHER;
    }
}
