package org.syncline.sync.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * The list syntax file masks and subfolder masks share: masks separated by {@code |} or
 * {@code ;}, each optionally signed ({@code -} excludes, {@code +} includes, no sign includes).
 * Interpreting a single mask is the caller's.
 */
final class MaskList {

    /** One mask of a list, without its sign. */
    record SignedMask(boolean exclude, String mask) {
    }

    private MaskList() {
    }

    /**
     * Splits {@code text} into its masks; a blank or null text is an empty list.
     *
     * @param kind what the masks are, for the error message (e.g. "file mask")
     * @throws InvalidFilterException when a mask is empty (a doubled separator or a lone sign)
     */
    static List<SignedMask> split(String text, String kind) {
        List<SignedMask> masks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return masks;
        }
        for (String raw : text.split("[|;]", -1)) {
            String mask = raw.trim();
            boolean exclude = mask.startsWith("-");
            if (exclude || mask.startsWith("+")) {
                mask = mask.substring(1).trim();
            }
            if (mask.isEmpty()) {
                throw new InvalidFilterException(kind + " list '" + text.trim()
                        + "' has an empty mask; remove the extra '|' or the lone '-'");
            }
            masks.add(new SignedMask(exclude, mask));
        }
        return masks;
    }
}
