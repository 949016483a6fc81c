import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import org.syncline.persistence.internal.H2FileRecovery;

/**
 * Does an embedded H2 file keep a commit forced to disk when its process is killed while it goes on
 * writing? Run through bench/h2-kill-recovery (see bench/README.md, "h2-kill-recovery").
 *
 * <p>Each round starts a child JVM that opens the file, commits a row naming the round, runs
 * {@code CHECKPOINT SYNC}, says so, and then rewrites rows in batches of 500 (a commit each) until
 * it is killed with SIGKILL after a random 0-1.5 s. The parent then opens the file (H2 recovers it)
 * and checks that the round's row is there. With RECOVERY=syncline the parent first lets Syncline's
 * {@link H2FileRecovery} recover the file, as Syncline's processes do; without it, a file that lost
 * the row is recovered again from a copy taken before H2 opened it, to tell whether Syncline's
 * recovery would have kept the row. Prints a line per lost row and a summary line.
 */
public final class H2KillRecovery {

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("child")) {
            child(args[1], args[2], Integer.parseInt(args[3]));
            return;
        }
        if (args.length != 6) {
            System.err.println("usage: H2KillRecovery SOURCE FILE SETTINGS ROUNDS SEED RECOVERY");
            System.exit(2);
        }
        String source = args[0];
        String file = args[1];
        String settings = args[2];
        int rounds = Integer.parseInt(args[3]);
        Random random = new Random(Long.parseLong(args[4]));
        boolean recovery = args[5].equals("syncline");
        Path database = Path.of(file + ".mv.db");
        Path copy = Path.of(file + "-before-open.mv.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int lost = 0;
        int recoverable = 0;
        for (int round = 1; round <= rounds; round++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), source, "child", file,
                    settings, String.valueOf(round)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line = out.readLine();
            if (!("committed " + round).equals(line)) {
                child.destroyForcibly();
                child.waitFor();
                throw new IllegalStateException("round " + round + ": the child said " + line);
            }
            Thread.sleep(random.nextInt(1500));
            child.destroyForcibly();
            child.waitFor();
            if (recovery) {
                H2FileRecovery.recoverIfNotClosed(database);
            } else {
                Files.copy(database, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            if (count(file, settings, "WHERE id = " + round) != 1) {
                lost++;
                System.out.println("round " + round + ": the row committed before the kill is missing");
                if (!recovery) {
                    H2FileRecovery.recoverIfNotClosed(copy);
                    boolean kept = count(file + "-before-open", settings, "WHERE id = " + round) == 1;
                    recoverable += kept ? 1 : 0;
                    System.out.println("round " + round + ": Syncline's recovery " + (kept ? "keeps" : "loses it too"));
                }
            }
        }
        System.out.printf("{\"settings\": \"%s\", \"recovery\": \"%s\", \"kills\": %d, \"lost\": %d,"
                + " \"lost_but_kept_by_syncline_recovery\": %s, \"rows_kept\": %d}%n", settings, recovery ? "syncline" : "h2",
                rounds, lost, recovery ? "null" : String.valueOf(recoverable), count(file, settings, ""));
    }

    private static void child(String file, String settings, int round) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(file, settings), "sa", "")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS marker(id INT PRIMARY KEY)");
                statement.execute("CREATE TABLE IF NOT EXISTS churn(k VARCHAR(64) PRIMARY KEY, v VARCHAR(400))");
                connection.commit();
                statement.execute("INSERT INTO marker VALUES (" + round + ")");
                connection.commit();
                statement.execute("CHECKPOINT SYNC");
            }
            System.out.println("committed " + round);
            System.out.flush();
            Random random = new Random();
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO churn KEY(k) VALUES (?, ?)")) {
                while (true) {
                    for (int i = 0; i < 500; i++) {
                        merge.setString(1, Integer.toHexString(random.nextInt(40_000)));
                        merge.setString(2, "x".repeat(100 + random.nextInt(300)));
                        merge.addBatch();
                    }
                    merge.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    private static int count(String file, String settings, String where) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(file, settings), "sa", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM marker " + where)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String url(String file, String settings) {
        return "jdbc:h2:file:" + file + settings;
    }
}
