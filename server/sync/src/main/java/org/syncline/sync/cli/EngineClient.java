package org.syncline.sync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;

/**
 * Runs a {@code syncline sync} command line in the engine and relays what it prints.
 *
 * <p>The exchange: {@code POST api/v1/sync} with {@code Authorization: Bearer TOKEN} and a form of
 * the arguments ({@code arg}, repeated, in order) and the caller's working folder ({@code cwd}). The
 * engine answers {@code 200} and then, line by line as the run goes: {@code out TEXT} and
 * {@code err TEXT} for the command's standard output and error, {@code alive} while it prints
 * nothing, and last {@code exit CODE}. Errors before the run starts are plain text with {@code 400}
 * (bad request) or {@code 401} (wrong token). When the caller goes away (the connection closes), the
 * engine cancels the run: it stops as {@code syncline sync} stops when cancelled, files done so far
 * kept and recorded.
 *
 * <p>The launcher ({@code bin/syncline}) relays runs itself, with curl and awk, when curl is on the
 * PATH, and starts this class only without it (or with {@code SYNCLINE_ENGINE_CLIENT=java}). Both
 * clients print the same messages, these and {@link EngineAccess#read}'s, and exit alike: a change to
 * the exchange or a message is made in both (the distribution's {@code EngineClientsIT} runs each
 * case through both and compares).
 */
public final class EngineClient {

    /** The request's path under the API's base address. */
    public static final String PATH = "v1/sync";
    /** Form field: one argument of the command line, in order. */
    public static final String ARGUMENT = "arg";
    /** Form field: the folder relative paths on the command line are relative to. */
    public static final String WORKING_DIRECTORY = "cwd";
    /** The engine sends its answer in lines starting with one of these. */
    public static final String OUT = "out ";
    public static final String ERR = "err ";
    public static final String EXIT = "exit ";
    public static final String ALIVE = "alive";

    private final EngineAccess access;

    public EngineClient(EngineAccess access) {
        this.access = access;
    }

    /**
     * {@code syncline sync ... --engine} as the launcher starts it: only this class, no command-line
     * model (the engine parses and checks the arguments, and prints the usage), so the caller's
     * Java starts in a fraction of the time a whole command takes.
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exit = runInInstalledEngine(List.of(args), Path.of("").toAbsolutePath(), out, err);
        out.flush();
        err.flush();
        System.exit(exit);
    }

    /**
     * Runs the {@code sync} command line {@code arguments} (the {@code --engine} in it is dropped) in
     * the engine of this installation ({@link EngineAccess#home()}).
     *
     * @return as {@link #run}; 2, with the reason on {@code err}, when there is no engine to ask
     */
    static int runInInstalledEngine(List<String> arguments, Path workingDirectory, PrintWriter out, PrintWriter err) {
        try {
            EngineAccess access = EngineAccess.read(EngineAccess.file(EngineAccess.home()));
            return new EngineClient(access).run(arguments.stream().filter(argument -> !argument.equals("--engine")).toList(),
                    workingDirectory, out, err);
        } catch (EngineUnavailableException e) {
            err.println("syncline sync: " + e.getMessage() + "; nothing was changed");
            return 2;
        }
    }

    /**
     * Runs {@code arguments} (the {@code sync} command's, without {@code --engine}) in the engine.
     *
     * @return the command's exit code; 2 when the engine could not be asked (nothing was changed),
     *     1 when the answer broke off (the run may have gone on in the engine)
     */
    public int run(List<String> arguments, Path workingDirectory, PrintWriter out, PrintWriter err) {
        StringJoiner form = new StringJoiner("&");
        form.add(WORKING_DIRECTORY + "=" + URLEncoder.encode(workingDirectory.toString(), StandardCharsets.UTF_8));
        for (String argument : arguments) {
            form.add(ARGUMENT + "=" + URLEncoder.encode(argument, StandardCharsets.UTF_8));
        }
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        String engine = "the engine at " + access.api() + " (process " + access.pid() + ")";
        HttpURLConnection connection;
        int status;
        try {
            // The JDK's plain connection: it starts in a fraction of the time its newer client takes.
            connection = (HttpURLConnection) access.api().resolve(PATH).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(10_000);
            connection.setRequestProperty("Authorization", "Bearer " + access.token());
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream request = connection.getOutputStream()) {
                request.write(body);
            }
            status = connection.getResponseCode();
        } catch (ConnectException e) {
            err.println("syncline sync: " + engine + " does not answer: it has stopped without removing its access"
                    + " file, or cannot be reached; start it again with 'syncline engine', or run without --engine;"
                    + " nothing was changed");
            return 2;
        } catch (IOException e) {
            err.println("syncline sync: cannot ask " + engine + ": " + e + "; nothing was changed");
            return 2;
        }
        if (status != 200) {
            String why;
            try (InputStream error = connection.getErrorStream()) {
                why = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                why = "";
            }
            if (status == 401) {
                // (this connection class keeps no body of a refused login)
                why = "it does not accept this installation's access token (was it restarted just now? try again)";
            }
            err.println("syncline sync: " + engine + " refused the run: " + (why.isEmpty() ? "HTTP status " + status : why)
                    + "; nothing was changed");
            return 2;
        }
        try (BufferedReader answer = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = answer.readLine(); line != null; line = answer.readLine()) {
                if (line.startsWith(OUT)) {
                    out.println(line.substring(OUT.length()));
                    out.flush();
                } else if (line.startsWith(ERR)) {
                    err.println(line.substring(ERR.length()));
                    err.flush();
                } else if (line.startsWith(EXIT)) {
                    return Integer.parseInt(line.substring(EXIT.length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            err.println("syncline sync: the answer of " + engine + " broke off: " + e.getMessage());
        }
        err.println("syncline sync: the connection to " + engine + " ended before the run did (the engine stopped?);"
                + " the engine's log and the job's run history tell how far it got");
        return 1;
    }
}
