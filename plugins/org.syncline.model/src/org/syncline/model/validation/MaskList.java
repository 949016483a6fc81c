package org.syncline.model.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed list of file masks ({@code *.* | -*.tmp | -~*.doc}) or subfolder masks
 * ({@code \Reports\ | -\Temp\}), as people type them in a job's filter.
 *
 * <p>Masks are separated by {@code |}; a leading {@code -} makes a mask exclude. {@code *} stands
 * for any run of characters and {@code ?} for one character. A name is selected when it matches
 * at least one including mask (or there is none) and no excluding mask. Matching ignores case, as
 * file names on Windows servers do. Instances are immutable.
 */
public final class MaskList {

    /** One mask: its text as typed (without the leading {@code -}) and whether it excludes. */
    public record Mask(String text, boolean exclude, Pattern pattern) {
    }

    private static final String FORBIDDEN_IN_FILE_MASK = "/\\:\"<>";

    private final List<Mask> masks;

    private MaskList(List<Mask> masks) {
        this.masks = List.copyOf(masks);
    }

    /**
     * Parses file masks such as {@code *.* | -*.tmp | -~*.doc}. An empty or blank text means all files.
     *
     * @throws MaskSyntaxException naming the mask at fault and why
     */
    public static MaskList parseFileMasks(String text) {
        List<Mask> masks = new ArrayList<>();
        int position = 0;
        for (String item : split(text)) {
            position++;
            String mask = stripExclude(item);
            boolean exclude = mask.length() != item.length();
            if (mask.isEmpty()) {
                throw new MaskSyntaxException("File mask " + position + " is empty: write a mask such as *.doc"
                        + (exclude ? " after the '-'" : "") + ", or remove the extra '|'.");
            }
            for (char c : mask.toCharArray()) {
                if (FORBIDDEN_IN_FILE_MASK.indexOf(c) >= 0) {
                    throw new MaskSyntaxException("File mask " + position + " '" + item + "' contains '" + c
                            + "', which cannot appear in a file name. Use subfolder masks such as \\Reports\\ for folders.");
                }
            }
            masks.add(new Mask(mask, exclude, toPattern(mask)));
        }
        return new MaskList(masks);
    }

    /**
     * Parses subfolder masks such as {@code \Reports\ | -\Temp\}: each names a folder between
     * backslashes. An empty or blank text means all folders.
     *
     * @throws MaskSyntaxException naming the mask at fault and why
     */
    public static MaskList parseSubfolderMasks(String text) {
        List<Mask> masks = new ArrayList<>();
        int position = 0;
        for (String item : split(text)) {
            position++;
            String mask = stripExclude(item);
            boolean exclude = mask.length() != item.length();
            if (mask.length() < 3 || !mask.startsWith("\\") || !mask.endsWith("\\")) {
                throw new MaskSyntaxException("Subfolder mask " + position + " '" + item
                        + "' must name a folder between backslashes, such as \\Reports\\ or -\\Temp\\.");
            }
            String folder = mask.substring(1, mask.length() - 1);
            if (folder.contains("/") || folder.contains(":") || folder.contains("\"") || folder.contains("<") || folder.contains(">")) {
                throw new MaskSyntaxException("Subfolder mask " + position + " '" + item
                        + "' contains a character that cannot appear in a folder name.");
            }
            masks.add(new Mask(mask, exclude, toPattern(folder)));
        }
        return new MaskList(masks);
    }

    /** The masks in the order they were written. */
    public List<Mask> masks() {
        return masks;
    }

    /**
     * Whether a name is selected: it matches an including mask (or none exists) and no excluding
     * mask. For subfolder masks pass one folder name, without backslashes.
     */
    public boolean selects(String name) {
        boolean anyInclude = false;
        boolean included = false;
        for (Mask mask : masks) {
            boolean matches = mask.pattern().matcher(name).matches();
            if (mask.exclude() && matches) {
                return false;
            }
            if (!mask.exclude()) {
                anyInclude = true;
                included |= matches;
            }
        }
        return included || !anyInclude;
    }

    private static List<String> split(String text) {
        List<String> items = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return items;
        }
        for (String item : text.split("\\|", -1)) {
            items.add(item.strip());
        }
        return items;
    }

    private static String stripExclude(String item) {
        return item.startsWith("-") ? item.substring(1).strip() : item;
    }

    /** Turns a mask into a case-insensitive pattern; {@code *.*} also matches names without a dot. */
    private static Pattern toPattern(String mask) {
        if (mask.equals("*.*")) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : mask.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Mask mask : masks) {
            if (!text.isEmpty()) {
                text.append(" | ");
            }
            text.append(mask.exclude() ? "-" : "").append(mask.text());
        }
        return text.toString();
    }
}
