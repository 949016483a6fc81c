package org.syncline.sync.replica;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The name of a file made from another's by putting a marker between its base and its extension:
 * {@code report.doc} and {@code ~20250131-142501-123} give {@code report~20250131-142501-123.doc}
 * (archived versions), {@code .conflict-vm-20250131-142501} a conflict copy.
 *
 * <p>A derived name never exceeds {@link #MAX_BYTES} bytes of UTF-8, the longest name that ext4,
 * XFS, Btrfs, NTFS and exFAT all hold: a name close to that limit would otherwise give a derived
 * name no file system accepts, and its archived version or conflict copy could never be made. Such
 * a name's base is shortened, at a character boundary, and followed by {@code ~} and eight hex
 * digits of a checksum of the whole name, so that two long names sharing their beginning keep
 * derived names of their own. The same name and marker length always give the same base, so the
 * versions of one file can be found again by their name.
 *
 * @param base      the part before the marker (the name's base, shortened where needed)
 * @param extension the part after the marker: the name's extension with its dot, or empty
 */
public record DerivedName(String base, String extension) {

    /** The longest name, in bytes of UTF-8, a derived name may have. */
    public static final int MAX_BYTES = 255;

    /** Bytes of {@code ~} and a checksum that a shortened base ends with. */
    private static final int CHECKSUM_BYTES = 9;

    /**
     * Splits {@code name} for a marker of {@code markerBytes} bytes of UTF-8 (all markers of one
     * kind have one length).
     */
    public static DerivedName of(String name, int markerBytes) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        if (bytes(name) + markerBytes <= MAX_BYTES) {
            return new DerivedName(base, extension);
        }
        if (bytes(extension) + markerBytes + CHECKSUM_BYTES + 1 > MAX_BYTES) {
            // An extension too long to keep whole: the name is all base.
            base = name;
            extension = "";
        }
        String kept = prefix(base, MAX_BYTES - bytes(extension) - markerBytes - CHECKSUM_BYTES);
        CRC32 checksum = new CRC32();
        checksum.update(name.getBytes(StandardCharsets.UTF_8));
        return new DerivedName(kept + "~" + String.format("%08x", checksum.getValue()), extension);
    }

    /** Shorthand for {@code of(name, bytes(marker)).with(marker)}. */
    public static String of(String name, String marker) {
        return of(name, bytes(marker)).with(marker);
    }

    /** The derived name with {@code marker}, which must have the length this was split for. */
    public String with(String marker) {
        return base + marker + extension;
    }

    /** Bytes of {@code text} in UTF-8. */
    public static int bytes(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += utf8Length(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    /** The longest beginning of {@code text} that has at most {@code maxBytes} bytes of UTF-8, whole characters only. */
    private static String prefix(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            bytes += utf8Length(codePoint);
            if (bytes > maxBytes) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
