package org.syncline.sync.replica;

import java.util.Comparator;

/**
 * Relative paths as every {@link Replica} speaks them: segments separated by {@code /}, no leading
 * or trailing slash, no empty, {@code .} or {@code ..} segments, no NUL. The replica root is the
 * empty string {@code ""}.
 *
 * <p>{@link #ORDER} compares segment by segment, which is the order of a depth-first walk whose
 * children are visited sorted by name: the scanner emits entries in this order and the reconciler
 * merges the streams of several replicas by it.
 */
public final class RelativePath {

    /** The root of a replica. */
    public static final String ROOT = "";

    /** Segment-wise order: a folder sorts immediately before everything inside it. */
    public static final Comparator<String> ORDER = RelativePath::compare;

    private RelativePath() {
    }

    /**
     * Checks that {@code path} is a valid relative path (the root {@code ""} included).
     *
     * @return the same path
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static String check(String path) {
        if (path == null) {
            throw new IllegalArgumentException("path is missing");
        }
        if (path.isEmpty()) {
            return path;
        }
        if (path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must be relative and must not end with '/'");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path '" + path.replace('\0', '?') + "' contains a NUL character");
        }
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("path '" + path + "' contains an empty, '.' or '..' segment");
            }
            start = end + 1;
        }
        return path;
    }

    /** The parent path; the parent of a top-level entry is {@link #ROOT}. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? ROOT : path.substring(0, slash);
    }

    /** The last segment. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code parent + "/" + name}, or {@code name} under the root. */
    public static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    /** Number of segments; 0 for the root. */
    public static int depth(String path) {
        if (path.isEmpty()) {
            return 0;
        }
        int depth = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** True when {@code path} is {@code ancestor} or lies inside it. */
    public static boolean isWithin(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor)
                || (path.startsWith(ancestor) && path.charAt(ancestor.length()) == '/');
    }

    /** Segment-wise comparison, see {@link #ORDER}. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (ca == '/') {
                    return -1;
                }
                if (cb == '/') {
                    return 1;
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
