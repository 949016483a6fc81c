package org.syncline.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sets and reads real ACLs and extended attributes with the system's own tools ({@code setfacl} and
 * {@code getfacl} of the Debian package {@code acl}, {@code setfattr} and {@code getfattr} of
 * {@code attr}), so that tests check Syncline against them rather than against itself.
 */
public final class Acls {

    private Acls() {
    }

    /** {@code setfacl ARGS... PATH}, e.g. {@code setfacl(file, "-m", "u:nobody:rw")}. */
    public static void setfacl(Path path, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("setfacl"));
        command.addAll(List.of(arguments));
        command.add(path.toString());
        run(command);
    }

    /** The ACL entries as {@code getfacl} prints them (numeric ids, without the file header). */
    public static String getfacl(Path path) throws IOException {
        return run(List.of("getfacl", "-p", "-n", "--omit-header", path.toString()));
    }

    public static void setfattr(Path path, String name, String value) throws IOException {
        run(List.of("setfattr", "-h", "-n", name, "-v", value, path.toString()));
    }

    /** Every extended attribute {@code getfattr} sees matching {@code pattern} (a regular expression), dumped. */
    public static String getfattr(Path path, String pattern) throws IOException {
        return run(List.of("getfattr", "-h", "-d", "-m", pattern, "--absolute-names", path.toString()))
                .replace(path.toString(), "FILE");
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }
}
