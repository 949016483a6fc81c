package org.syncline.persistence;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.syncline.model.Secret;

/**
 * How to reach one Syncline database: what the workbench's "Open Database" dialog and an engine's
 * configuration both produce.
 *
 * <p>{@code keyFile} is the file holding the key that encrypts secrets (machine passwords) in this
 * database; every process opening the database needs the same key file. {@link #toString()}
 * never shows the password.
 *
 * @param kind the database product
 * @param url the JDBC URL
 * @param user the database user
 * @param password the database user's password, or {@code null} for none
 * @param keyFile the secret key file, created on first use
 */
public record DatabaseProfile(DatabaseKind kind, String url, String user, Secret password, Path keyFile) {

    private static final Pattern SERVER_URL = Pattern.compile("jdbc:[a-z0-9]+:(?:tcp:)?//([^/;:?]+)(?::(\\d+))?(?:[/;](?:databaseName=)?([^;?]*))?.*");

    public DatabaseProfile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(keyFile, "keyFile");
    }

    /**
     * The embedded default: an H2 database in {@code file} (without the {@code .mv.db} ending)
     * with {@code AUTO_SERVER=TRUE}, so that a workbench and a local engine share it.
     */
    public static DatabaseProfile h2File(Path file, Path keyFile) {
        return new DatabaseProfile(DatabaseKind.H2_FILE, "jdbc:h2:file:" + file.toAbsolutePath() + ";AUTO_SERVER=TRUE", "sa", Secret.of(""), keyFile);
    }

    /** An H2 database served by an H2 TCP server. */
    public static DatabaseProfile h2Server(String host, int port, String database, String user, Secret password, Path keyFile) {
        return new DatabaseProfile(DatabaseKind.H2_SERVER, "jdbc:h2:tcp://" + host + ":" + port + "/" + database, user, password, keyFile);
    }

    /** A PostgreSQL database. */
    public static DatabaseProfile postgresql(String host, int port, String database, String user, Secret password, Path keyFile) {
        return new DatabaseProfile(DatabaseKind.POSTGRESQL, "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password, keyFile);
    }

    /** A SQL Server database, with an encrypted connection whose certificate is checked. */
    public static DatabaseProfile sqlServer(String host, int port, String database, String user, Secret password, Path keyFile) {
        return new DatabaseProfile(DatabaseKind.SQL_SERVER,
                "jdbc:sqlserver://" + host + ":" + port + ";databaseName=" + database + ";encrypt=true", user, password, keyFile);
    }

    /** The default key file: {@code .syncline/secret.key} in the user's home folder. */
    public static Path defaultKeyFile() {
        return Path.of(System.getProperty("user.home"), ".syncline", "secret.key");
    }

    /** Where the database is, for messages: a file for H2 files, otherwise {@code host:port}. */
    public String location() {
        if (kind == DatabaseKind.H2_FILE) {
            String path = url.substring("jdbc:h2:file:".length());
            int options = path.indexOf(';');
            return options < 0 ? path : path.substring(0, options);
        }
        Matcher matcher = SERVER_URL.matcher(url);
        if (!matcher.matches()) {
            return url;
        }
        return matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + ":" + matcher.group(2);
    }

    /** The database's name on its server, or the file for H2 files; {@code null} if the URL does not say. */
    public String databaseName() {
        if (kind == DatabaseKind.H2_FILE) {
            return location();
        }
        Matcher matcher = SERVER_URL.matcher(url);
        return matcher.matches() ? matcher.group(3) : null;
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + url + " as " + user;
    }
}
