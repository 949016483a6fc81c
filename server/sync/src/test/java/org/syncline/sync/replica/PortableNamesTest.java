package org.syncline.sync.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortableNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "con.txt", "Nul.tar.gz", " aux .log", "COM1", "lpt9.doc", "PRN."})
    void deviceNamesAreReservedWhateverTheirCaseExtensionOrSpaces(String name) {
        assertEquals("'" + name + "' is a reserved device name on Windows", PortableNames.windowsProblem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "com10", "COM", "lpt", "icon.png", "a.con", "nul-device", "x", ".con", "report.txt"})
    void namesThatOnlyLookLikeDevicesAreFine(String name) {
        assertNull(PortableNames.windowsProblem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a<b", "a>b", "a:b", "a\"b", "a\\b", "a|b", "a?b", "a*b"})
    void charactersWindowsRefusesAreNamed(String name) {
        assertEquals("'" + name + "' contains the character " + name.charAt(1) + " which Windows does not allow in names",
                PortableNames.windowsProblem(name));
    }

    @Test
    void controlCharactersAreShownAsCodes() {
        assertEquals("'tab?here' contains the character \\u0009 which Windows does not allow in names",
                PortableNames.windowsProblem("tab\there"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trailing.", "trailing "})
    void trailingDotsAndSpacesAreDropped(String name) {
        assertEquals("'" + name + "' ends with a dot or a space, which Windows drops", PortableNames.windowsProblem(name));
    }
}
