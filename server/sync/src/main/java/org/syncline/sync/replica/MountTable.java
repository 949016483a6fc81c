package org.syncline.sync.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Linux's table of the mounts this process sees ({@code /proc/self/mountinfo}), read when asked.
 * It knows what {@link java.nio.file.FileStore} does not: a folder mounted read-only on its own (a
 * read-only bind mount, as containers and some shares have) while the file system under it stays
 * writable; Java finds the file system's first mount for such a folder and calls it writable.
 */
final class MountTable {

    private static final Path MOUNT_INFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    /**
     * Whether the mount holding {@code folder} (a real path, links resolved) is read-only, by the
     * mount's own options or its file system's; empty where the table cannot be read (not Linux).
     */
    static Optional<Boolean> readOnly(Path folder) {
        List<String> lines;
        try {
            lines = Files.readAllLines(MOUNT_INFO);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return readOnly(lines, folder.toString());
    }

    /**
     * {@link #readOnly(Path)} from the table's lines: the deepest mount point holding {@code folder}
     * counts, and of mounts on one point the last (it covers the others).
     */
    static Optional<Boolean> readOnly(List<String> mountInfo, String folder) {
        String best = null;
        boolean readOnly = false;
        for (String line : mountInfo) {
            // id parent major:minor root mount-point mount-options [optional fields] - type source super-options
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 6 || separator < 6 || fields.length < separator + 4) {
                continue;
            }
            String point = unescape(fields[4]);
            if (holds(point, folder) && (best == null || point.length() >= best.length())) {
                best = point;
                readOnly = hasReadOnly(fields[5]) || hasReadOnly(fields[separator + 3]);
            }
        }
        return best == null ? Optional.empty() : Optional.of(readOnly);
    }

    private static boolean holds(String mountPoint, String folder) {
        return folder.equals(mountPoint) || mountPoint.equals("/")
                || folder.startsWith(mountPoint) && folder.charAt(mountPoint.length()) == '/';
    }

    private static boolean hasReadOnly(String options) {
        return Set.of(options.split(",")).contains("ro");
    }

    /** The table writes space, tab, line break and backslash in names as a backslash and three octal digits. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                name.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
