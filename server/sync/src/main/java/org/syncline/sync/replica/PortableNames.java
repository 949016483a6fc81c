package org.syncline.sync.replica;

import java.util.Locale;
import java.util.Set;

/**
 * Knows which names some platform cannot hold, so that a name valid on Linux is reported instead of
 * failing (or worse, colliding) on a Windows replica.
 */
public final class PortableNames {

    private static final Set<String> RESERVED = Set.of(
            "CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private PortableNames() {
    }

    /**
     * Why a single name (one path segment) cannot be stored on Windows.
     *
     * @return a sentence in the user's words, or {@code null} when the name is fine
     */
    public static String windowsProblem(String name) {
        if (isReserved(name)) {
            return "'" + name + "' is a reserved device name on Windows";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 32 || c == '<' || c == '>' || c == ':' || c == '"' || c == '\\' || c == '|' || c == '?' || c == '*') {
                String shown = c < 32 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
                return "'" + name.replaceAll("\\p{Cntrl}", "?") + "' contains the character " + shown
                        + " which Windows does not allow in names";
            }
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            return "'" + name + "' ends with a dot or a space, which Windows drops";
        }
        return null;
    }

    /**
     * Whether the part before the first dot, without surrounding spaces, is a device name. Every
     * name of every scan comes here: the base is only made (and upper-cased) when its length fits.
     */
    private static boolean isReserved(String name) {
        int dot = name.indexOf('.');
        int end = dot < 0 ? name.length() : dot;
        int start = 0;
        while (start < end && name.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && name.charAt(end - 1) <= ' ') {
            end--;
        }
        int length = end - start;
        return (length == 3 || length == 4) && RESERVED.contains(name.substring(start, end).toUpperCase(Locale.ROOT));
    }

    /** {@link #windowsProblem(String)} for every segment of a relative path; the first problem found. */
    public static String windowsPathProblem(String path) {
        for (String segment : path.split("/")) {
            String problem = windowsProblem(segment);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The key under which a case-insensitive file system files a name. */
    public static String caseKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
