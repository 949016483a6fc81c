package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names of archived versions and conflict copies stay within what every file system holds. */
class DerivedNameTest {

    private static final String MARKER = "~20250131-142501-123";
    /** Bytes left for a long name's shortened base beside {@code ~}, the checksum, the marker and {@code .txt}. */
    private static final int BASE_BYTES = 255 - 9 - MARKER.length() - 4;

    private static int utf8(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aNameThatFitsGetsTheMarkerBeforeItsExtension() {
        assertEquals("report~20250131-142501-123.doc", DerivedName.of("report.doc", MARKER));
        assertEquals("archive.tar~20250131-142501-123.gz", DerivedName.of("archive.tar.gz", MARKER));
        assertEquals("README~20250131-142501-123", DerivedName.of("README", MARKER));
        assertEquals(".bashrc~20250131-142501-123", DerivedName.of(".bashrc", MARKER), "a leading dot is no extension");
        String longest = "n".repeat(255 - MARKER.length() - 4) + ".txt";
        assertEquals(longest.replace(".txt", MARKER + ".txt"), DerivedName.of(longest, MARKER), "exactly 255 bytes");
    }

    @Test
    void aLongNamesBaseIsShortenedAndMarkedWithAChecksumOfTheWholeName() {
        String name = "n".repeat(246) + ".txt";
        String derived = DerivedName.of(name, MARKER);
        assertEquals(255, utf8(derived), derived);
        assertTrue(derived.matches("n{" + BASE_BYTES + "}~[0-9a-f]{8}" + MARKER + "\\.txt"), derived);
        assertEquals(derived, DerivedName.of(name, MARKER), "the same name gives the same derived name");
        assertEquals(DerivedName.of(name, MARKER.length()), DerivedName.of(name, MARKER.length()));
        String sibling = "n".repeat(245) + "m.txt";
        assertNotEquals(derived, DerivedName.of(sibling, MARKER), "names sharing their beginning stay apart");
    }

    @Test
    void shorteningCountsBytesAndNeverSplitsACharacter() {
        String accents = "é".repeat(124) + ".txt";
        String derived = DerivedName.of(accents, MARKER);
        assertEquals(255, utf8(derived), derived);
        assertTrue(derived.startsWith("é".repeat(BASE_BYTES / 2) + "~"), derived);
        String emoji = "\uD83D\uDCC1".repeat(62) + ".txt";
        String shortened = DerivedName.of(emoji, MARKER);
        assertTrue(utf8(shortened) <= 255, shortened);
        assertEquals(shortened, new String(shortened.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                "no half of a surrogate pair");
    }

    @Test
    void anExtensionTooLongToKeepIsTreatedAsPartOfTheName() {
        String name = "a." + "x".repeat(250);
        String derived = DerivedName.of(name, MARKER);
        assertTrue(utf8(derived) <= 255, derived);
        assertTrue(derived.matches("a\\.x+~[0-9a-f]{8}" + MARKER), derived);
    }
}
