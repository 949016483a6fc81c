package org.syncline.masks;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's subfolder masks, such as {@code \Reports\ | -\Temp\ | -cache\}, which decide which
 * folders are walked and whose files are selected (see the package documentation for the
 * grammar). Immutable and thread-safe; two instances are equal when they hold the same masks in
 * the same order and treat case alike.
 */
public final class FolderMasks {

    /** Selects every folder. */
    public static final FolderMasks ALL = parse("", false);

    /** How a folder is treated. */
    public enum Decision {
        /** Not walked at all. */
        EXCLUDE,
        /** Walked to reach included folders below, but its own files are not selected. */
        WALK_ONLY,
        /** Walked, and its files are selected (subject to the file masks). */
        INCLUDE
    }

    private record Mask(List<Wildcard> segments, boolean anchored) {

        boolean matches(String[] path) {
            if (anchored ? path.length != segments.size() : path.length < segments.size()) {
                return false;
            }
            int offset = path.length - segments.size();
            for (int i = 0; i < segments.size(); i++) {
                if (!segments.get(i).matches(path[offset + i])) {
                    return false;
                }
            }
            return true;
        }

        /** Whether a folder at {@code path} may contain a folder this mask matches. */
        boolean mayMatchBelow(String[] path) {
            if (!anchored) {
                return true;
            }
            if (path.length >= segments.size()) {
                return false;
            }
            for (int i = 0; i < path.length; i++) {
                if (!segments.get(i).matches(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final String text;
    private final boolean ignoreCase;
    private final List<Mask> includes;
    private final List<Mask> excludes;

    private FolderMasks(String text, boolean ignoreCase, List<Mask> includes, List<Mask> excludes) {
        this.text = text;
        this.ignoreCase = ignoreCase;
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Reads subfolder masks; a null or blank text selects every folder.
     *
     * @param ignoreCase whether upper and lower case match each other
     * @throws MaskSyntaxException naming the mask at fault and how to write it
     */
    public static FolderMasks parse(String text, boolean ignoreCase) {
        List<String> canonical = new ArrayList<>();
        List<Mask> includes = new ArrayList<>();
        List<Mask> excludes = new ArrayList<>();
        for (MaskList.SignedMask signed : MaskList.split(text, MaskList.Kind.SUBFOLDER)) {
            String mask = signed.mask().replace('/', '\\');
            (signed.exclude() ? excludes : includes).add(read(signed, mask, ignoreCase));
            canonical.add(signed.sign() + mask);
        }
        return new FolderMasks(MaskList.canonical(canonical), ignoreCase, List.copyOf(includes), List.copyOf(excludes));
    }

    /** One mask, its separators already written as {@code \}. */
    private static Mask read(MaskList.SignedMask signed, String mask, boolean ignoreCase) {
        String described = signed.describe(MaskList.Kind.SUBFOLDER);
        if (mask.matches("[A-Za-z]:(\\\\.*)?")) {
            String folder = mask.substring(2).replaceAll("^\\\\+|\\\\+$", "");
            throw new MaskSyntaxException(described + " starts with the drive '" + mask.substring(0, 2)
                    + "': subfolder masks are relative to each of the job's folders, so write "
                    + signed.sign() + "\\" + (folder.isEmpty() ? "Temp" : folder) + "\\ instead.");
        }
        if (!mask.endsWith("\\")) {
            String name = mask.replaceAll("^\\\\+", "");
            throw new MaskSyntaxException(described + " must end with \\: write " + signed.sign() + "\\" + name
                    + "\\ for the folder at the top, or " + signed.sign() + name
                    + "\\ for one at any depth. To select files, use a file mask.");
        }
        boolean anchored = mask.startsWith("\\");
        String inner = mask.length() == 1 ? "" : mask.substring(anchored ? 1 : 0, mask.length() - 1);
        if (inner.isEmpty()) {
            throw new MaskSyntaxException(described + " names no folder: write one between the backslashes, such as \\Reports\\.");
        }
        List<Wildcard> segments = new ArrayList<>();
        for (String segment : inner.split("\\\\", -1)) {
            if (segment.isEmpty()) {
                throw new MaskSyntaxException(described + " has two separators in a row: write one between folder names, "
                        + "such as \\Reports\\2024\\.");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new MaskSyntaxException(described + " has '" + segment + "' as a folder name: name the folders "
                        + "inside the job's folders, such as \\Reports\\2024\\.");
            }
            segments.add(new Wildcard(segment, ignoreCase));
        }
        return new Mask(List.copyOf(segments), anchored);
    }

    /** Whether including masks restrict the selection. */
    public boolean hasIncludes() {
        return !includes.isEmpty();
    }

    /**
     * Decides about a folder given the decision about the folder it is in.
     *
     * @param path   the folder's path relative to the job's folder, names separated by {@code /}
     *               (not the job's folder itself)
     * @param parent the decision about the folder it is in; for the job's folder itself use
     *               {@link #rootDecision()}
     */
    public Decision decide(String path, Decision parent) {
        String[] segments = path.split("/");
        for (Mask exclude : excludes) {
            if (exclude.matches(segments)) {
                return Decision.EXCLUDE;
            }
        }
        if (parent == Decision.INCLUDE) {
            return Decision.INCLUDE;
        }
        for (Mask include : includes) {
            if (include.matches(segments)) {
                return Decision.INCLUDE;
            }
        }
        for (Mask include : includes) {
            if (include.mayMatchBelow(segments)) {
                return Decision.WALK_ONLY;
            }
        }
        return Decision.EXCLUDE;
    }

    /** The decision about the job's folder itself. */
    public Decision rootDecision() {
        return includes.isEmpty() ? Decision.INCLUDE : Decision.WALK_ONLY;
    }

    /** Whether upper and lower case match each other. */
    public boolean ignoresCase() {
        return ignoreCase;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FolderMasks masks && masks.text.equals(text) && masks.ignoreCase == ignoreCase;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + Boolean.hashCode(ignoreCase);
    }

    /** The masks in canonical form, {@code \Reports\ | -cache\}; empty when every folder is selected. */
    @Override
    public String toString() {
        return text;
    }
}
