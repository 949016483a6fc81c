package org.syncline.agent;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A folder an agent serves, known to clients by its name. Nothing outside a served root is
 * reachable through the agent.
 *
 * @param name the name jobs use for the root: a letter or digit, then letters, digits,
 *     {@code .}, {@code _} and {@code -}, at most 64 characters
 * @param path the root's absolute, normalized path on the agent's machine
 */
public record ServedRoot(String name, Path path) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * @throws IllegalArgumentException if the name is not a valid root name or the path is
     *     not absolute
     */
    public ServedRoot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("invalid root name '" + name
                    + "': use 1-64 letters, digits, '.', '_' or '-'");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("root '" + name + "' needs an absolute path, got '"
                    + path + "'");
        }
        path = path.normalize();
    }

    /** {@code name=path}, as roots are written on the command line. */
    @Override
    public String toString() {
        return name + "=" + path;
    }

    /** Whether {@code name} may name a root. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
