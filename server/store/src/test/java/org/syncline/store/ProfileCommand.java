package org.syncline.store;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;

import picocli.CommandLine;

/** Runs a command of the distribution in the test's JVM on the database of a profile file. */
final class ProfileCommand {

    private ProfileCommand() {
    }

    /**
     * Runs {@code command} with {@code args} and {@code --db-profile profile}, its output appended to
     * {@code out} and {@code err}; returns its exit code.
     */
    static int execute(CommandLine command, Path profile, StringWriter out, StringWriter err, String... args) {
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--db-profile";
        all[args.length + 1] = profile.toString();
        return command.execute(all);
    }
}
