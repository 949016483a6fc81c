package org.syncline.sync.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Subfolder masks such as {@code \Reports\ | -\Temp\ | -cache\}: each mask ends with a folder
 * separator ({@code \} or {@code /}); one that also starts with a separator is anchored at the
 * replica root ({@code \Reports\} is only the top-level Reports, {@code \*\Temp\} any Temp one level
 * down), one that does not matches at any depth ({@code cache\}). {@code -} excludes a folder and
 * everything in it. When include masks are given, only files inside a folder matching one of them
 * are selected; the folders leading there are still walked. Immutable.
 */
public final class FolderMasks {

    /** Selects every folder. */
    public static final FolderMasks ALL = parse("", false);

    /** How the scanner treats a folder. */
    public enum Decision {
        /** Not walked at all. */
        EXCLUDE,
        /** Walked to reach included folders below, but its own files are not selected. */
        WALK_ONLY,
        /** Walked, and its files are selected (subject to file masks). */
        INCLUDE
    }

    private record Mask(String text, List<Wildcard> segments, boolean anchored) {
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
    private final List<Mask> includes;
    private final List<Mask> excludes;

    private FolderMasks(String text, List<Mask> includes, List<Mask> excludes) {
        this.text = text;
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Parses subfolder masks.
     *
     * @throws InvalidFilterException naming the offending mask and how to write it
     */
    public static FolderMasks parse(String text, boolean caseInsensitive) {
        List<Mask> includes = new ArrayList<>();
        List<Mask> excludes = new ArrayList<>();
        for (MaskList.SignedMask signed : MaskList.split(text, "subfolder mask")) {
            String mask = signed.mask();
            String normalized = mask.replace('/', '\\');
            if (!normalized.endsWith("\\")) {
                throw new InvalidFilterException("subfolder mask '" + mask + "' must end with \\ (for example \\"
                        + mask.replaceAll("^[\\\\/]+", "") + "\\); to select files use a file mask instead");
            }
            boolean anchored = normalized.startsWith("\\");
            String inner = normalized.substring(anchored ? 1 : 0, normalized.length() - 1);
            List<Wildcard> segments = new ArrayList<>();
            for (String segment : inner.split("\\\\", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new InvalidFilterException("subfolder mask '" + mask
                            + "' has an empty, '.' or '..' folder name; write it like \\Reports\\2024\\");
                }
                segments.add(new Wildcard(segment, caseInsensitive));
            }
            (signed.exclude() ? excludes : includes).add(new Mask(mask, List.copyOf(segments), anchored));
        }
        return new FolderMasks(text == null ? "" : text.trim(), List.copyOf(includes), List.copyOf(excludes));
    }

    /** Whether include masks restrict the selection. */
    public boolean hasIncludes() {
        return !includes.isEmpty();
    }

    /**
     * Decides about a folder given the decision about its parent.
     *
     * @param path   the folder's relative path (not the root)
     * @param parent the decision for its parent; for the root use {@link #rootDecision()}
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

    /** The decision for the replica root. */
    public Decision rootDecision() {
        return includes.isEmpty() ? Decision.INCLUDE : Decision.WALK_ONLY;
    }

    @Override
    public String toString() {
        return text;
    }
}
