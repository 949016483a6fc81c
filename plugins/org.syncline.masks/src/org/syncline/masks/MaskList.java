package org.syncline.masks;

import java.util.ArrayList;
import java.util.List;

/**
 * What file masks and subfolder masks share: the list ({@code |} or {@code ;} between masks, a
 * sign in front of each) and the characters no mask may hold. Reading a single mask is the
 * caller's.
 */
final class MaskList {

    /** The two kinds of mask, as messages name them. */
    enum Kind {
        FILE("File mask", "*.doc"),
        SUBFOLDER("Subfolder mask", "\\Temp\\");

        final String title;
        final String example;

        Kind(String title, String example) {
            this.title = title;
            this.example = example;
        }
    }

    /**
     * One mask of a list.
     *
     * @param position its place in the list, from 1
     * @param typed    the mask as typed, sign included
     * @param exclude  whether it excludes
     * @param mask     the mask without its sign
     */
    record SignedMask(int position, String typed, boolean exclude, String mask) {

        /** "File mask 2 '-*.tmp'", to start a message. */
        String describe(Kind kind) {
            return kind.title + " " + position + " '" + typed.replaceAll("\\p{Cntrl}", "?") + "'";
        }

        /** The sign this mask was written with in canonical form: "-" or nothing. */
        String sign() {
            return exclude ? "-" : "";
        }
    }

    private MaskList() {
    }

    /**
     * Splits {@code text} into its masks; a blank or null text is an empty list.
     *
     * @throws MaskSyntaxException when a mask is empty or holds a quote or a control character
     */
    static List<SignedMask> split(String text, Kind kind) {
        List<SignedMask> masks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return masks;
        }
        String separator = text.indexOf('|') < 0 && text.indexOf(';') >= 0 ? ";" : "|";
        int position = 0;
        for (String raw : text.split("[|;]", -1)) {
            position++;
            String typed = raw.strip();
            boolean signed = typed.startsWith("-") || typed.startsWith("+");
            String mask = signed ? typed.substring(1).strip() : typed;
            if (mask.isEmpty()) {
                throw new MaskSyntaxException(kind.title + " " + position + " is empty: write a mask such as " + kind.example
                        + (signed ? " after the '" + typed + "'" : "") + ", or remove the extra '" + separator + "'.");
            }
            SignedMask signedMask = new SignedMask(position, typed, typed.startsWith("-"), mask);
            if (mask.indexOf('"') >= 0) {
                throw new MaskSyntaxException(signedMask.describe(kind) + " contains '\"': write masks without quotes, such as "
                        + kind.example + ".");
            }
            if (mask.chars().anyMatch(Character::isISOControl)) {
                throw new MaskSyntaxException(signedMask.describe(kind)
                        + " contains a control character (shown as '?'), which no name can hold: retype the mask.");
            }
            masks.add(signedMask);
        }
        return masks;
    }

    /** The masks in canonical form: {@code *.* | -*.tmp}. */
    static String canonical(List<String> masks) {
        return String.join(" | ", masks);
    }
}
