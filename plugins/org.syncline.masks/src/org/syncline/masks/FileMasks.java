package org.syncline.masks;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's file masks, such as {@code *.* | -*.tmp | -~*.doc}, which select files by name (see the
 * package documentation for the grammar). Immutable and thread-safe; two instances are equal when
 * they hold the same masks in the same order and treat case alike.
 */
public final class FileMasks {

    /** Selects every file. */
    public static final FileMasks ALL = parse("", false);

    private final String text;
    private final boolean ignoreCase;
    private final List<Wildcard> includes;
    private final List<Wildcard> excludes;

    private FileMasks(String text, boolean ignoreCase, List<Wildcard> includes, List<Wildcard> excludes) {
        this.text = text;
        this.ignoreCase = ignoreCase;
        this.includes = includes;
        this.excludes = excludes;
    }

    /**
     * Reads file masks; a null or blank text selects every file.
     *
     * @param ignoreCase whether upper and lower case match each other
     * @throws MaskSyntaxException naming the mask at fault and how to write it
     */
    public static FileMasks parse(String text, boolean ignoreCase) {
        List<String> canonical = new ArrayList<>();
        List<Wildcard> includes = new ArrayList<>();
        List<Wildcard> excludes = new ArrayList<>();
        for (MaskList.SignedMask signed : MaskList.split(text, MaskList.Kind.FILE)) {
            String mask = signed.mask();
            for (char c : mask.toCharArray()) {
                if (c == '\\' || c == '/') {
                    throw new MaskSyntaxException(signed.describe(MaskList.Kind.FILE) + " contains '" + c
                            + "', which cannot appear in a file name. Use subfolder masks such as \\Reports\\ for folders.");
                }
            }
            Wildcard wildcard = new Wildcard(mask.equals("*.*") ? "*" : mask, ignoreCase);
            (signed.exclude() ? excludes : includes).add(wildcard);
            canonical.add(signed.sign() + mask);
        }
        return new FileMasks(MaskList.canonical(canonical), ignoreCase, List.copyOf(includes), List.copyOf(excludes));
    }

    /** Whether a file with this name (no folder) is selected. */
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

    /** Whether upper and lower case match each other. */
    public boolean ignoresCase() {
        return ignoreCase;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileMasks masks && masks.text.equals(text) && masks.ignoreCase == ignoreCase;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + Boolean.hashCode(ignoreCase);
    }

    /** The masks in canonical form, {@code *.* | -*.tmp}; empty when every file is selected. */
    @Override
    public String toString() {
        return text;
    }
}
