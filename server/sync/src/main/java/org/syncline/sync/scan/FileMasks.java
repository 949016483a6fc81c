package org.syncline.sync.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * File masks in the familiar form {@code *.* | -*.tmp | -~*.doc}: masks separated by {@code |} or
 * {@code ;}, an exclude mask starts with {@code -} (an include mask may start with {@code +}).
 * A file is selected when its name matches at least one include mask (or there is none) and no
 * exclude mask. {@code *.*} matches every name, with or without a dot, as on Windows. Immutable.
 */
public final class FileMasks {

    /** Selects every file. */
    public static final FileMasks ALL = parse("", false);

    private final String text;
    private final List<Wildcard> includes;
    private final List<Wildcard> excludes;

    private FileMasks(String text, List<Wildcard> includes, List<Wildcard> excludes) {
        this.text = text;
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Parses masks.
     *
     * @throws InvalidFilterException naming the offending mask and what to write instead
     */
    public static FileMasks parse(String text, boolean caseInsensitive) {
        List<Wildcard> includes = new ArrayList<>();
        List<Wildcard> excludes = new ArrayList<>();
        for (MaskList.SignedMask signed : MaskList.split(text, "file mask")) {
            String mask = signed.mask();
            if (mask.indexOf('/') >= 0 || mask.indexOf('\\') >= 0) {
                throw new InvalidFilterException("file mask '" + mask + "' contains a folder separator; "
                        + "file masks match names only, use a subfolder mask such as \\Reports\\ for folders");
            }
            if (mask.chars().anyMatch(c -> c < 32)) {
                throw new InvalidFilterException("file mask '" + mask.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character");
            }
            Wildcard wildcard = new Wildcard(mask.equals("*.*") ? "*" : mask, caseInsensitive);
            (signed.exclude() ? excludes : includes).add(wildcard);
        }
        return new FileMasks(text == null ? "" : text.trim(), List.copyOf(includes), List.copyOf(excludes));
    }

    /** Whether a file with this name is selected. */
    public boolean selects(String name) {
        for (Wildcard exclude : excludes) {
            if (exclude.matches(name)) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (Wildcard include : includes) {
            if (include.matches(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
